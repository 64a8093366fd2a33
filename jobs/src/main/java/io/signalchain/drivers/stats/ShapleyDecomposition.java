package io.signalchain.drivers.stats;

import io.signalchain.config.DriverSettings;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Exact Shapley value decomposition of R² (LMG): each driver's share is its marginal contribution
 * to R², averaged over all orders in which the drivers can enter the model. The shares sum to the
 * R² of the full model.
 *
 * <p>All 2^k subset R² values come from the correlation matrix. Subsets are visited in Gray-code
 * order, so each differs from the previous one by one driver, which is swept into or out of the
 * (k+1)×(k+1) correlation matrix in O(k²). To keep rounding from accumulating, the matrix is rebuilt
 * from scratch every {@value #REBUILD_INTERVAL} steps, and instead of sweeping out a driver that
 * entered with a small pivot (which would amplify its rounding). Cost: about k²/2 · 2^k
 * multiply-adds and 8 · 2^k bytes, hence a configured maximum k.
 */
public final class ShapleyDecomposition {
  /** Default maximum number of drivers for the exact decomposition. */
  public static final int DEFAULT_MAX_DRIVERS = 20;

  /** Beyond this the 2^k subset table does not fit in a sensible heap. */
  public static final int HARD_MAX_DRIVERS = DriverSettings.MAX_EXACT_SHAPLEY_DRIVERS;

  static final int REBUILD_INTERVAL = 1 << 10;

  /** Sweeping out a driver whose inverse pivot exceeds this (pivot below 1e-6) rebuilds instead. */
  private static final double MAX_INVERSE_PIVOT = 1e6;

  private ShapleyDecomposition() {}

  /**
   * Shapley values of R² per driver.
   *
   * @param rxx correlation matrix of the k drivers (full rank: aliased drivers removed)
   * @param rxy correlations of the drivers with the outcome
   * @param maxDrivers configured maximum k
   * @throws IllegalArgumentException if k exceeds {@code maxDrivers} or {@link #HARD_MAX_DRIVERS},
   *     or the drivers are collinear
   */
  public static double[] decompose(double[][] rxx, double[] rxy, int maxDrivers) {
    int k = rxy.length;
    if (k > maxDrivers || k > HARD_MAX_DRIVERS) {
      throw new IllegalArgumentException("Exact Shapley decomposition of " + k
          + " drivers exceeds the maximum of " + Math.min(maxDrivers, HARD_MAX_DRIVERS)
          + "; use relative weights instead.");
    }
    return shapleyValues(subsetRSquared(rxx, rxy), k);
  }

  /** R² of the outcome on every subset of drivers, indexed by bitmask (bit j = driver j). */
  public static double[] subsetRSquared(double[][] rxx, double[] rxy) {
    int k = rxy.length;
    if (k > HARD_MAX_DRIVERS) {
      throw new IllegalArgumentException(k + " drivers exceed " + HARD_MAX_DRIVERS);
    }
    int n = k + 1;
    int y = k;
    double[] original = new double[n * n];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        original[i * n + j] = rxx[i][j];
      }
      original[i * n + y] = rxy[i];
    }
    original[y * n + y] = 1;
    double[] a = original.clone();
    double[] col = new double[n];
    double[] r2 = new double[1 << k];
    int mask = 0;
    int sinceRebuild = 0;
    for (int step = 1; step < (1 << k); step++) {
      int j = Integer.numberOfTrailingZeros(step);
      mask ^= 1 << j;
      boolean in = (mask & (1 << j)) != 0;
      if (++sinceRebuild >= REBUILD_INTERVAL || (!in && -a[j * n + j] > MAX_INVERSE_PIVOT)) {
        rebuild(a, original, mask, n, col);
        sinceRebuild = 0;
      } else {
        sweep(a, n, j, in, col);
      }
      r2[mask] = 1 - a[y * n + y];
    }
    return r2;
  }

  /** Shapley values from the subset R² table: Σ_{S∌j} |S|!(k−|S|−1)!/k! · (R²(S∪j) − R²(S)). */
  public static double[] shapleyValues(double[] subsetR2, int k) {
    double[] weight = new double[k];
    for (int s = 0; s < k; s++) {
      weight[s] = 1 / (k * CombinatoricsUtils.binomialCoefficientDouble(k - 1, s));
    }
    double[] shapley = new double[k];
    int full = (1 << k) - 1;
    for (int mask = 0; mask < full; mask++) {
      double w = weight[Integer.bitCount(mask)];
      double base = subsetR2[mask];
      for (int free = ~mask & full; free != 0; free &= free - 1) {
        int j = Integer.numberOfTrailingZeros(free);
        shapley[j] += w * (subsetR2[mask | (1 << j)] - base);
      }
    }
    return shapley;
  }

  private static void rebuild(double[] a, double[] original, int mask, int n, double[] col) {
    System.arraycopy(original, 0, a, 0, a.length);
    for (int m = mask; m != 0; m &= m - 1) {
      int j = Integer.numberOfTrailingZeros(m);
      if (!(a[j * n + j] > 0)) {
        throw new IllegalArgumentException(
            "Drivers are collinear (driver " + j + " has no variance left); drop aliased drivers");
      }
      sweep(a, n, j, true, col);
    }
  }

  /**
   * Sweeps pivot k in (or reverse-sweeps it out of) the symmetric matrix stored in the upper
   * triangle of row-major {@code a}; only the upper triangle is read or written.
   */
  static void sweep(double[] a, int n, int k, boolean in, double[] col) {
    int kn = k * n;
    for (int i = 0; i < k; i++) {
      col[i] = a[i * n + k];
    }
    for (int i = k + 1; i < n; i++) {
      col[i] = a[kn + i];
    }
    double inv = 1 / a[kn + k];
    for (int i = 0; i < k; i++) {
      double f = col[i] * inv;
      int base = i * n;
      for (int j = i; j < k; j++) {
        a[base + j] -= f * col[j];
      }
      for (int j = k + 1; j < n; j++) {
        a[base + j] -= f * col[j];
      }
    }
    for (int i = k + 1; i < n; i++) {
      double f = col[i] * inv;
      int base = i * n;
      for (int j = i; j < n; j++) {
        a[base + j] -= f * col[j];
      }
    }
    double s = in ? inv : -inv;
    for (int i = 0; i < k; i++) {
      a[i * n + k] = col[i] * s;
    }
    for (int i = k + 1; i < n; i++) {
      a[kn + i] = col[i] * s;
    }
    a[kn + k] = -inv;
  }
}
