package io.signalchain.measures.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The tests of a change between a current period and a reference (the previous period, or the
 * baseline periods pooled), and Benjamini–Hochberg q-values over all of a run's tests. Every
 * result is checked against R in ChangeTestsTest.
 */
public final class ChangeTests {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z975 = NORMAL.inverseCumulativeProbability(0.975);

  private ChangeTests() {}

  /**
   * Welch's t for two weighted means: SE² = SE₁² + SE₀² ({@link WeightedSums#meanError}),
   * Welch–Satterthwaite df = SE⁴ / (SE₁⁴ / (n_eff,1 − 1) + SE₀⁴ / (n_eff,0 − 1)). Without
   * weights this is R's {@code t.test(current, reference)}.
   */
  public static Change welch(WeightedSums current, WeightedSums reference) {
    double v1 = square(current.meanError());
    double v0 = square(reference.meanError());
    double se = Math.sqrt(v1 + v0);
    double df = square(v1 + v0) / (square(v1) / (current.effectiveN() - 1) + square(v0) / (reference.effectiveN() - 1));
    double diff = current.mean() - reference.mean();
    double t = diff / se;
    TDistribution dist = new TDistribution(null, df);
    double crit = dist.inverseCumulativeProbability(0.975);
    double p = 2 * dist.cumulativeProbability(-Math.abs(t));
    return new Change(diff, se, diff - crit * se, diff + crit * se, t, df, p);
  }

  /**
   * Normal approximation for two weighted shares or NPS values (on their own scale; multiply
   * by 100 for percentage points): SE² = SE₁² + SE₀² ({@link WeightedSums#shareError}).
   */
  public static Change share(WeightedSums current, WeightedSums reference) {
    double se = Math.hypot(current.shareError(), reference.shareError());
    return normal(current.mean() - reference.mean(), se);
  }

  /**
   * Two Poisson rates per 1,000 passes: contacts c over passes v, difference 1000(c₁/v₁ − c₀/v₀)
   * with SE = 1000 √(c₁/v₁² + c₀/v₀²) (each count's variance its own expectation), normal test.
   */
  public static Change rate(long contacts, long passes, long refContacts, long refPasses) {
    double r1 = (double) contacts / passes;
    double r0 = (double) refContacts / refPasses;
    double se = 1000 * Math.sqrt(contacts / square(passes) + refContacts / square(refPasses));
    return normal(1000 * (r1 - r0), se);
  }

  private static Change normal(double diff, double se) {
    double z = diff / se;
    double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    return new Change(diff, se, diff - Z975 * se, diff + Z975 * se, z, Double.NaN, p);
  }

  /** Benjamini–Hochberg adjusted p-values (R's {@code p.adjust(p, "BH")}), in the order given; NaN stays NaN. */
  public static double[] benjaminiHochberg(double[] p) {
    int[] tested = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).toArray();
    Integer[] order = Arrays.stream(tested).boxed().sorted(Comparator.comparingDouble(i -> -p[i]))
        .toArray(Integer[]::new);
    double[] q = new double[p.length];
    Arrays.fill(q, Double.NaN);
    int m = tested.length;
    double running = 1;
    for (int k = 0; k < m; k++) {
      int i = order[k];
      int rank = m - k;
      running = Math.min(running, p[i] * m / rank);
      q[i] = running;
    }
    return q;
  }

  private static double square(double x) {
    return x * x;
  }
}
