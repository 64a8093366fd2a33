package io.signalchain.measures.stats;

/**
 * The sufficient statistics of one weighted sample of a measure: responses n, Σw, Σw·x, Σw·x²
 * and Σw². They add up over days, so a period's (or a baseline's) figures come from its days'
 * sums. The mean is Σw·x / Σw; Kish's effective sample size n_eff = (Σw)² / Σw²; the standard
 * error of the mean is √(s² / n_eff) with s² the weighted variance Σw(x − mean)² / Σw, times
 * n / (n − 1) for a mean ({@link #meanError}) and as it is for a share or NPS ({@link
 * #shareError}: p(1 − p), or p + d − (p − d)² for a difference of two proportions of one sample).
 * Without weights (all 1) these are the textbook sd / √n and √(p(1 − p) / n).
 */
public record WeightedSums(long n, double sumW, double sumWx, double sumWxx, double sumWw) {
  public static final WeightedSums EMPTY = new WeightedSums(0, 0, 0, 0, 0);

  public WeightedSums plus(WeightedSums o) {
    return new WeightedSums(n + o.n, sumW + o.sumW, sumWx + o.sumWx, sumWxx + o.sumWxx, sumWw + o.sumWw);
  }

  /** One answer {@code x} with weight {@code w} (for tests and fixtures). */
  public static WeightedSums of(double[] x, double[] w) {
    WeightedSums s = EMPTY;
    for (int i = 0; i < x.length; i++) {
      s = s.plus(new WeightedSums(1, w[i], w[i] * x[i], w[i] * x[i] * x[i], w[i] * w[i]));
    }
    return s;
  }

  public double mean() {
    return n == 0 ? Double.NaN : sumWx / sumW;
  }

  public double effectiveN() {
    return n == 0 ? 0 : sumW * sumW / sumWw;
  }

  /** Σw(x − mean)² / Σw, never below 0 (rounding). */
  public double populationVariance() {
    double m = mean();
    return Math.max(0, sumWxx / sumW - m * m);
  }

  /** Standard error of a weighted mean: the weighted variance with n − 1, over Kish's n_eff. */
  public double meanError() {
    if (n < 2) {
      return Double.NaN;
    }
    return Math.sqrt(populationVariance() * n / (n - 1) / effectiveN());
  }

  /** Standard error of a weighted share or NPS (x in {0, 1} or {−1, 0, 1}): the plain variance over n_eff. */
  public double shareError() {
    return n == 0 ? Double.NaN : Math.sqrt(populationVariance() / effectiveN());
  }
}
