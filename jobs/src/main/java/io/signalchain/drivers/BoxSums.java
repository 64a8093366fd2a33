package io.signalchain.drivers;

import io.signalchain.drivers.stats.Moments;

/**
 * One partition's sums of a step's outcome and box dummies (penalty–reward): the packed upper
 * triangle of {@code Σ w (1, y − ȳ, b₁..b₂ₖ)(…)ᵀ}, with ȳ the plan's outcome mean and bᵢ the k
 * bottom-box then the k top-box dummies of the model's drivers. A row touches only the entries of
 * the dummies it is in (at most one box per driver, none in the middle of the scale), not all
 * (2k+1)(2k+2)/2, and the dummies' sums are exact; {@link #moments} turns them into the {@link Moments}
 * the dummy model is fitted from.
 */
final class BoxSums {
  private final double bottomBoxMax;
  private final double topBoxMin;
  private final double centre;
  private final int k;
  /** Packed index of (i, j), i ≤ j, is {@code rowStart[i] + j}; index 0 is the constant, 1 the outcome. */
  private final int[] rowStart;
  private final double[] sums;
  private final int[] active;
  private long count;

  BoxSums(ResamplePlan plan) {
    this.bottomBoxMax = plan.bottomBoxMax();
    this.topBoxMin = plan.topBoxMin();
    this.centre = plan.centre()[0];
    this.k = plan.columns().length;
    int q = 2 * k + 2;
    this.rowStart = new int[q];
    for (int i = 0; i < q; i++) {
      rowStart[i] = i * q - i * (i - 1) / 2 - i;
    }
    this.sums = new double[q * (q + 1) / 2];
    this.active = new int[2 * k];
  }

  /** Adds a row with outcome {@code y}, the model's drivers {@code x} and weight {@code w} above 0. */
  void add(double y, double[] x, double w) {
    int a = 0;
    for (int j = 0; j < k; j++) {
      if (x[j] <= bottomBoxMax) {
        active[a++] = 2 + j;
      }
    }
    for (int j = 0; j < k; j++) {
      if (x[j] >= topBoxMin) {
        active[a++] = 2 + k + j;
      }
    }
    double d = y - centre;
    double wd = w * d;
    double[] s = sums;
    s[0] += w;
    s[1] += wd;
    s[rowStart[1] + 1] += wd * d;
    for (int i = 0; i < a; i++) {
      int u = active[i];
      s[u] += w;
      s[rowStart[1] + u] += wd;
      int row = rowStart[u];
      for (int j = i; j < a; j++) {
        s[row + active[j]] += w;
      }
    }
    count++;
  }

  /** The moments of outcome (0), bottom-box (1..k) and top-box (k+1..2k) dummies of the rows added. */
  Moments moments() {
    double[] c = new double[2 * k + 1];
    c[0] = centre;
    return Moments.fromCentredSums(count, c, sums);
  }
}
