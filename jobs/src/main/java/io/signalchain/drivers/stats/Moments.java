package io.signalchain.drivers.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Weighted sufficient statistics of p variables over a set of rows: the count of rows with
 * positive weight, the weight sum, the weighted means and the co-moment matrix
 * {@code C = Σ w (x − x̄)(x − x̄)ᵀ}. By convention variable 0 is the outcome and 1..k the drivers.
 *
 * <p>Rows are added with a weighted Welford update and partial results are combined with the
 * pairwise merge of Chan, Golub and LeVeque, so the statistics stay accurate when values carry a
 * large common offset (raw sums of squares would cancel catastrophically). This is the per-step
 * aggregation buffer of the driver analysis: {@link #add} runs once per survey row and allocates
 * nothing.
 *
 * <p>The co-moment matrix is stored packed (upper triangle, row by row).
 */
public final class Moments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int p;
  private long count;
  private double weightSum;
  private final double[] mean;
  private final double[] comoment;

  /** Empty statistics of {@code variables} variables. */
  public Moments(int variables) {
    if (variables < 1) {
      throw new IllegalArgumentException("Moments need at least one variable, got " + variables);
    }
    this.p = variables;
    this.mean = new double[variables];
    this.comoment = new double[variables * (variables + 1) / 2];
  }

  /**
   * Adds one row. Rows with weight 0 are skipped (as R's {@code lm} does); the caller removes rows
   * with missing answers first (listwise deletion).
   *
   * @throws IllegalArgumentException if the weight is negative or not finite, a value is not
   *     finite, or the row has the wrong length
   */
  public Moments add(double[] x, double w) {
    if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("Weight must be finite and non-negative, got " + w);
    }
    if (x.length != p) {
      throw new IllegalArgumentException("Expected " + p + " values, got " + x.length);
    }
    if (w == 0) {
      return this;
    }
    for (int i = 0; i < p; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("Value " + i + " is not finite: " + x[i]);
      }
    }
    double newSum = weightSum + w;
    // C += (W·w / W') d dᵀ with d = x − old mean: symmetric and exact for the first row.
    double factor = weightSum * w / newSum;
    int idx = 0;
    for (int i = 0; i < p; i++) {
      double fdi = factor * (x[i] - mean[i]);
      for (int j = i; j < p; j++) {
        comoment[idx++] += fdi * (x[j] - mean[j]);
      }
    }
    double share = w / newSum;
    for (int i = 0; i < p; i++) {
      mean[i] += (x[i] - mean[i]) * share;
    }
    weightSum = newSum;
    count++;
    return this;
  }

  /** Merges {@code other} (statistics of other rows of the same variables) into this one. */
  public Moments merge(Moments other) {
    if (other.p != p) {
      throw new IllegalArgumentException(
          "Cannot merge moments of " + other.p + " variables into " + p);
    }
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      count = other.count;
      weightSum = other.weightSum;
      System.arraycopy(other.mean, 0, mean, 0, p);
      System.arraycopy(other.comoment, 0, comoment, 0, comoment.length);
      return this;
    }
    double newSum = weightSum + other.weightSum;
    double factor = weightSum * other.weightSum / newSum;
    int idx = 0;
    for (int i = 0; i < p; i++) {
      double fdi = factor * (other.mean[i] - mean[i]);
      for (int j = i; j < p; j++) {
        comoment[idx] += other.comoment[idx] + fdi * (other.mean[j] - mean[j]);
        idx++;
      }
    }
    double share = other.weightSum / newSum;
    for (int i = 0; i < p; i++) {
      mean[i] += (other.mean[i] - mean[i]) * share;
    }
    weightSum = newSum;
    count += other.count;
    return this;
  }

  /**
   * Statistics from raw weighted sums around a fixed centre c: {@code packed} holds the upper
   * triangle of {@code Σ w (1, x − c)(1, x − c)ᵀ} row by row (so its first row is W and the
   * weighted sums of the deviations). Then mean = c + S₁/W and C = S₂ − S₁S₁ᵀ/W; with c near the
   * means (as the bootstrap takes it) the subtraction loses nothing.
   */
  public static Moments fromCentredSums(long count, double[] centre, double[] packed) {
    int p = centre.length;
    int q = p + 1;
    if (packed.length != q * (q + 1) / 2) {
      throw new IllegalArgumentException("Expected " + q * (q + 1) / 2 + " sums, got " + packed.length);
    }
    Moments m = new Moments(p);
    double w = packed[0];
    if (count == 0 || !(w > 0)) {
      return m;
    }
    m.count = count;
    m.weightSum = w;
    double[] shift = new double[p];
    for (int i = 0; i < p; i++) {
      shift[i] = packed[1 + i] / w;
      m.mean[i] = centre[i] + shift[i];
    }
    int idx = q;
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        m.comoment[m.packedIndex(i, j)] = packed[idx++] - w * shift[i] * shift[j];
      }
    }
    return m;
  }

  /** The statistics of a subset of the variables over the same rows, in the given order. */
  public Moments select(int[] variables) {
    Moments s = new Moments(variables.length);
    s.count = count;
    s.weightSum = weightSum;
    for (int a = 0; a < variables.length; a++) {
      s.mean[a] = mean[checkIndex(variables[a])];
      for (int b = a; b < variables.length; b++) {
        s.comoment[s.packedIndex(a, b)] = comoment(variables[a], variables[b]);
      }
    }
    return s;
  }

  /** Number of variables. */
  public int variables() {
    return p;
  }

  /** Number of rows added with positive weight. */
  public long count() {
    return count;
  }

  public double weightSum() {
    return weightSum;
  }

  /** Weighted mean of variable {@code i}. */
  public double mean(int i) {
    return mean[checkIndex(i)];
  }

  /** {@code Σ w (x_i − x̄_i)(x_j − x̄_j)}. */
  public double comoment(int i, int j) {
    checkIndex(i);
    checkIndex(j);
    return i <= j ? comoment[packedIndex(i, j)] : comoment[packedIndex(j, i)];
  }

  /** Copy of the weighted means. */
  public double[] means() {
    return mean.clone();
  }

  /** The weighted correlation matrix as a new array (NaN where a variable is constant). */
  public double[][] correlationMatrix() {
    double[][] r = new double[p][p];
    for (int i = 0; i < p; i++) {
      double sdi = Math.sqrt(comoment[packedIndex(i, i)]);
      for (int j = i; j < p; j++) {
        double sdj = Math.sqrt(comoment[packedIndex(j, j)]);
        r[i][j] = r[j][i] = i == j && sdi > 0 ? 1 : comoment[packedIndex(i, j)] / (sdi * sdj);
      }
    }
    return r;
  }

  private int packedIndex(int i, int j) {
    return i * p - i * (i - 1) / 2 + (j - i);
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= p) {
      throw new IndexOutOfBoundsException("Variable " + i + " of " + p);
    }
    return i;
  }

  @Override
  public String toString() {
    return "Moments[count=" + count + ", weightSum=" + weightSum + ", mean="
        + Arrays.toString(mean) + "]";
  }
}
