package io.signalchain.measures.stats;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Difference-in-differences of one treated unit against comparison units, each given as its own
 * change (post − pre) with that change's standard error: DiD = Δ_treated − (1/K) Σ_k Δ_k, with
 * SE² = SE(Δ_treated)² + (1/K²) Σ_k SE(Δ_k)² (independent samples; each unit keeps its own
 * variance, as a heteroscedastic — HC2 — fit of the cell means does), a normal 95 % interval and a
 * two-sided p. The estimate is the contrast of R's {@code lm(y ~ step * post, weights = w)} (with
 * one comparison unit, its interaction term); the SE is not lm's pooled one; checked against R in
 * DifferenceInDifferencesTest. Rates per 1,000 passes get their changes from {@link #rateChange}
 * and {@link #costRateChange}.
 */
public final class DifferenceInDifferences {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z975 = NORMAL.inverseCumulativeProbability(0.975);

  private DifferenceInDifferences() {}

  /** The treated change against the mean of the comparison changes; null without comparisons. */
  public static Change of(Change treated, List<Change> comparisons) {
    if (comparisons.isEmpty()) {
      return null;
    }
    int k = comparisons.size();
    double meanChange = comparisons.stream().mapToDouble(Change::difference).sum() / k;
    double comparisonVariance = comparisons.stream().mapToDouble(c -> c.standardError() * c.standardError()).sum()
        / ((double) k * k);
    double se = Math.sqrt(treated.standardError() * treated.standardError() + comparisonVariance);
    return normal(treated.difference() - meanChange, se);
  }

  /**
   * A change of a weighted mean (Welch, {@link ChangeTests#welch}) or, for a share or NPS, its
   * normal test ({@link ChangeTests#share}).
   */
  public static Change meanChange(WeightedSums post, WeightedSums pre, boolean share) {
    return share ? ChangeTests.share(post, pre) : ChangeTests.welch(post, pre);
  }

  /** Contacts per 1,000 passes, post against pre ({@link ChangeTests#rate}: Poisson counts). */
  public static Change rateChange(long contacts, long passes, long preContacts, long prePasses) {
    return ChangeTests.rate(contacts, passes, preContacts, prePasses);
  }

  /**
   * Contact cost per 1,000 passes, post against pre: 1000 (cost₁/v₁ − cost₀/v₀), each period's
   * contact count Poisson at its own mean cost per contact, so SE² = Σ (1000 · cost / (v √c))²
   * over the two periods (a period without contacts adds nothing).
   */
  public static Change costRateChange(double cost, long contacts, long passes, double preCost, long preContacts,
      long prePasses) {
    double diff = 1000 * (cost / passes - preCost / prePasses);
    double se = Math.hypot(costRateError(cost, contacts, passes), costRateError(preCost, preContacts, prePasses));
    return normal(diff, se);
  }

  private static double costRateError(double cost, long contacts, long passes) {
    return contacts == 0 ? 0 : 1000 * cost / (passes * Math.sqrt(contacts));
  }

  /** A normal-approximation change with its 95 % interval and two-sided p. */
  public static Change normal(double diff, double se) {
    double z = diff / se;
    double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    return new Change(diff, se, diff - Z975 * se, diff + Z975 * se, z, Double.NaN, p);
  }
}
