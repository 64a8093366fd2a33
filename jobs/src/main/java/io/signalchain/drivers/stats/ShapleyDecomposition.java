package io.signalchain.drivers.stats;

import io.signalchain.config.DriverSettings;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Exact Shapley value decomposition of R² (LMG): each driver's share is its marginal contribution
 * to R², averaged over all orders in which the drivers can enter the model. The shares sum to the
 * R² of the full model.
 *
 * <p>All 2^k subset R² values come from the correlation matrix, depth first: a subset's children
 * add one driver after its last, and each child's R² follows from the parent's partial
 * correlations in O(1); a child with drivers left after it gets the Schur complement of its driver
 * over those (Gaussian elimination without pivoting, stable on a correlation matrix: no driver is
 * ever taken out again, so rounding does not accumulate). Subsets whose last driver is m cost
 * (k − m)²/2 multiply-adds, about 3 · 2^k in all, and the table 8 · 2^k bytes, hence a configured
 * maximum k.
 */
public final class ShapleyDecomposition {
  /** Default maximum number of drivers for the exact decomposition. */
  public static final int DEFAULT_MAX_DRIVERS = 20;

  /** Beyond this the 2^k subset table does not fit in a sensible heap. */
  public static final int HARD_MAX_DRIVERS = DriverSettings.MAX_EXACT_SHAPLEY_DRIVERS;

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
    // levels[d]: the matrix of depth d's subsets, over at most n − d variables.
    double[][] levels = new double[n][];
    for (int d = 0; d < n; d++) {
      levels[d] = new double[(n - d) * (n - d)];
    }
    double[] root = levels[0];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        root[i * n + j] = rxx[i][j];
      }
      root[i * n + k] = rxy[i];
    }
    root[k * n + k] = 1;
    double[] r2 = new double[1 << k];
    descend(levels, 0, root, n, 0, 0, r2);
    return r2;
  }

  /**
   * Fills in the R² of every subset that adds to {@code mask} drivers after its last one, from
   * {@code a} (s×s, upper triangle, row-major): the partial correlation matrix, given the drivers
   * in {@code mask}, of drivers {@code first}..k−1 and the outcome (last). Adding driver t lowers the
   * outcome's residual variance by {@code a_ty² / a_tt}; its children's matrix is the Schur
   * complement of {@code a_tt} in the variables after t.
   */
  private static void descend(double[][] levels, int depth, double[] a, int s, int first, int mask, double[] r2) {
    int y = s - 1;
    double residual = a[y * s + y];
    for (int t = 0; t < y; t++) {
      int ts = t * s;
      double pivot = a[ts + t];
      if (!(pivot > 0)) {
        throw new IllegalArgumentException(
            "Drivers are collinear (driver " + (first + t) + " has no variance left); drop aliased drivers");
      }
      int child = mask | 1 << (first + t);
      r2[child] = 1 - (residual - a[ts + y] * a[ts + y] / pivot);
      int cs = s - t - 1;
      if (cs > 1) {
        double[] c = levels[depth + 1];
        for (int i = t + 1; i < s; i++) {
          double f = a[ts + i] / pivot;
          int row = i * s;
          int out = (i - t - 1) * cs - (t + 1);
          for (int j = i; j < s; j++) {
            c[out + j] = a[row + j] - f * a[ts + j];
          }
        }
        descend(levels, depth + 1, c, cs, first + t + 1, child, r2);
      }
    }
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

  /**
   * Sweeps pivot k in (or reverse-sweeps it out of) the symmetric matrix stored in the upper
   * triangle of row-major {@code a}; only the upper triangle is read or written. (The full solve
   * the Shapley benchmark compares with.)
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
