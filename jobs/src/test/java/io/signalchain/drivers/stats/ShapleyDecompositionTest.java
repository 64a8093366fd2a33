package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class ShapleyDecompositionTest {

  @Test
  void matchesBruteForceOverAllOrderings() {
    Random rnd = new Random(11);
    int n = 300;
    int k = 6;
    double[][] rows = StatsFixtures.randomRows(rnd, n, k, 0);
    double[] w = StatsFixtures.randomWeights(rnd, n);
    Correlations c = Correlations.of(StatsFixtures.moments(rows, w));
    double[] shapley = ShapleyDecomposition.decompose(c.rxx, c.rxy, 20);

    // Independent: refit every subset with QR on the weighted rows, then average each driver's
    // marginal R² over all k! orders of entry.
    double[] r2 = new double[1 << k];
    for (int mask = 1; mask < (1 << k); mask++) {
      int[] cols = new int[Integer.bitCount(mask)];
      for (int j = 0, u = 0; j < k; j++) {
        if ((mask & (1 << j)) != 0) {
          cols[u++] = j + 1;
        }
      }
      r2[mask] = new StatsFixtures.Reference(rows, w, cols).r2;
    }
    double[] brute = new double[k];
    int[] perm = {0, 1, 2, 3, 4, 5};
    int orders = 0;
    do {
      int mask = 0;
      for (int j : perm) {
        brute[j] += r2[mask | (1 << j)] - r2[mask];
        mask |= 1 << j;
      }
      orders++;
    } while (nextPermutation(perm));
    assertEquals(720, orders);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      assertEquals(brute[j] / orders, shapley[j], 1e-10, "driver " + j);
      sum += shapley[j];
    }
    assertEquals(r2[(1 << k) - 1], sum, 1e-10);
  }

  @Test
  void attitudeSharesSumToR2() {
    Correlations c = Correlations.of(StatsFixtures.moments(StatsFixtures.ATTITUDE, null));
    double[] shapley = ShapleyDecomposition.decompose(c.rxx, c.rxy, 20);
    double sum = 0;
    for (double s : shapley) {
      sum += s;
    }
    assertEquals(0.7326019925, sum, 1e-9);
    // Complaints has by far the largest share in attitude.
    assertEquals(0, indexOfMax(shapley));
  }

  @Test
  void subsetR2StaysAccurateWithCorrelatedDrivers() {
    // 14 strongly correlated drivers: 16384 subsets, up to 14 eliminations deep, each checked against a direct solve.
    Random rnd = new Random(5);
    int n = 2000;
    int k = 14;
    double[][] rows = new double[n][k + 1];
    for (int i = 0; i < n; i++) {
      double common = rnd.nextGaussian();
      for (int j = 1; j <= k; j++) {
        rows[i][j] = 3 * common + 0.3 * rnd.nextGaussian();
        rows[i][0] += rows[i][j] / j;
      }
      rows[i][0] += rnd.nextGaussian();
    }
    Correlations c = Correlations.of(StatsFixtures.moments(rows, null));
    double[] fast = ShapleyDecomposition.subsetRSquared(c.rxx, c.rxy);
    Random pick = new Random(1);
    for (int t = 0; t < 200; t++) {
      int mask = 1 + pick.nextInt((1 << k) - 1);
      assertEquals(direct(c, mask), fast[mask], 1e-11, "subset " + mask);
    }
    double sum = 0;
    for (double s : ShapleyDecomposition.shapleyValues(fast, k)) {
      sum += s;
    }
    assertEquals(fast[(1 << k) - 1], sum, 1e-11);
  }

  @Test
  void refusesMoreDriversThanConfigured() {
    Correlations c = Correlations.of(StatsFixtures.moments(StatsFixtures.ATTITUDE, null));
    assertThrows(IllegalArgumentException.class,
        () -> ShapleyDecomposition.decompose(c.rxx, c.rxy, 5));
  }

  /** R² of a subset by solving R_SS b = r_S with LU. */
  private static double direct(Correlations c, int mask) {
    int s = Integer.bitCount(mask);
    int[] idx = new int[s];
    for (int j = 0, u = 0; j < c.rxy.length; j++) {
      if ((mask & (1 << j)) != 0) {
        idx[u++] = j;
      }
    }
    double[][] rss = new double[s][s];
    double[] rs = new double[s];
    for (int a = 0; a < s; a++) {
      rs[a] = c.rxy[idx[a]];
      for (int b = 0; b < s; b++) {
        rss[a][b] = c.rxx[idx[a]][idx[b]];
      }
    }
    var solver = new LUDecomposition(
        MatrixUtils.createRealMatrix(rss)).getSolver();
    double[] b = solver.solve(new ArrayRealVector(rs)).toArray();
    double r2 = 0;
    for (int a = 0; a < s; a++) {
      r2 += b[a] * rs[a];
    }
    return r2;
  }

  private static int indexOfMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }

  /** Driver correlations (rxx) and driver–outcome correlations (rxy) from moments. */
  static final class Correlations {
    final double[][] rxx;
    final double[] rxy;

    private Correlations(double[][] rxx, double[] rxy) {
      this.rxx = rxx;
      this.rxy = rxy;
    }

    static Correlations of(Moments m) {
      double[][] r = m.correlationMatrix();
      int k = r.length - 1;
      double[][] rxx = new double[k][k];
      double[] rxy = new double[k];
      for (int i = 0; i < k; i++) {
        rxy[i] = r[0][i + 1];
        for (int j = 0; j < k; j++) {
          rxx[i][j] = r[i + 1][j + 1];
        }
      }
      return new Correlations(rxx, rxy);
    }
  }
}
