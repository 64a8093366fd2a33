package io.signalchain.drivers.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Penalty–reward analysis (asymmetric drivers, Kano): the outcome regressed, with the weights, on
 * a bottom-box and a top-box dummy of every driver, the middle of the scale being the reference.
 * A driver's penalty is how much lower the outcome is in its bottom box (minus the bottom dummy's
 * coefficient); its reward how much higher in its top box (the top dummy's coefficient); both with
 * the 95 % interval and p value of the weighted OLS ({@link WeightedOls}, as R's
 * {@code lm(y ~ ., weights = w)} on the dummies).
 *
 * <p>Input: the moments of the outcome (0), the k bottom-box dummies (1..k) and the k top-box
 * dummies (k+1..2k), which the stage's second pass accumulates.
 */
public final class PenaltyReward {
  /** Significance level of a side's effect in the class. */
  public static final double ALPHA = 0.05;

  private PenaltyReward() {}

  /**
   * One driver's penalty and reward.
   *
   * @param bottomShare weighted share of responses in the bottom box
   * @param topShare weighted share in the top box
   * @param note why a side has no estimate (a box nobody answered in, or aliased)
   */
  public record DriverAsymmetry(String driver, double bottomShare, double topShare, Estimate penalty,
      Estimate reward, AsymmetryClass asymmetryClass, String note) {}

  /** The dummy model of one step: its fit and one entry per driver. */
  public record Result(RegressionFit fit, List<DriverAsymmetry> drivers) {}

  public static Result analyse(Moments dummies, List<String> drivers, int minResponses) {
    int k = drivers.size();
    if (dummies.variables() != 2 * k + 1) {
      throw new IllegalArgumentException("Expected outcome and 2·" + k + " dummies, got " + dummies.variables());
    }
    List<String> names = new ArrayList<>();
    drivers.forEach(d -> names.add(d + " (bottom box)"));
    drivers.forEach(d -> names.add(d + " (top box)"));
    RegressionFit fit = WeightedOls.fit(dummies, names, minResponses, WeightedOls.RESPONSES_PER_DRIVER);
    List<DriverAsymmetry> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      double bottomShare = dummies.count() > 0 ? dummies.mean(j + 1) : Double.NaN;
      double topShare = dummies.count() > 0 ? dummies.mean(k + j + 1) : Double.NaN;
      if (!fit.fitted()) {
        out.add(new DriverAsymmetry(drivers.get(j), bottomShare, topShare, Estimate.NA, Estimate.NA,
            AsymmetryClass.NOT_CLASSIFIED, fit.explanation()));
        continue;
      }
      DriverFit bottom = fit.drivers().get(j);
      DriverFit top = fit.drivers().get(k + j);
      Estimate penalty = negate(bottom.coefficient());
      Estimate reward = top.coefficient();
      String note = String.join(" ", List.of(side("bottom", bottom), side("top", top))).trim();
      AsymmetryClass kind = bottom.status() != DriverStatus.INCLUDED || top.status() != DriverStatus.INCLUDED
          ? AsymmetryClass.NOT_CLASSIFIED : classify(penalty, reward);
      out.add(new DriverAsymmetry(drivers.get(j), bottomShare, topShare, penalty, reward, kind, note));
    }
    return new Result(fit, out);
  }

  /** BASIC (only the penalty counts), EXCITEMENT (only the reward), PERFORMANCE (both), NONE. */
  static AsymmetryClass classify(Estimate penalty, Estimate reward) {
    boolean p = counts(penalty);
    boolean r = counts(reward);
    if (p && r) {
      return AsymmetryClass.PERFORMANCE;
    }
    return p ? AsymmetryClass.BASIC : r ? AsymmetryClass.EXCITEMENT : AsymmetryClass.NONE;
  }

  private static boolean counts(Estimate e) {
    return e.value() > 0 && e.pValue() < ALPHA;
  }

  private static String side(String box, DriverFit fit) {
    return fit.status() == DriverStatus.INCLUDED ? "" : "The " + box + " box has no estimate: " + fit.note();
  }

  private static Estimate negate(Estimate e) {
    return new Estimate(-e.value(), e.stdError(), -e.tValue(), e.pValue(), -e.ciUpper(), -e.ciLower());
  }
}
