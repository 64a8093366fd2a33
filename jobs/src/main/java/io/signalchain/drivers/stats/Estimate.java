package io.signalchain.drivers.stats;

/**
 * One regression coefficient with its inference: standard error, t value, two-sided p value
 * (Student t on the residual degrees of freedom) and 95% confidence interval.
 */
public record Estimate(
    double value, double stdError, double tValue, double pValue, double ciLower, double ciUpper) {

  /** Not available: the coefficient was not estimated. */
  public static final Estimate NA =
      new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** A coefficient without inference (e.g. a perfect fit, where the residual variance is zero). */
  static Estimate pointOnly(double value) {
    return new Estimate(value, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}
