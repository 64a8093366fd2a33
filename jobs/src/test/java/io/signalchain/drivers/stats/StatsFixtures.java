package io.signalchain.drivers.stats;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/** Data sets and an independent weighted OLS (row scaling by √w, QR) for the statistics tests. */
final class StatsFixtures {
  private StatsFixtures() {}

  /** R's attitude data (Chatterjee & Price): rating, complaints, privileges, learning, raises,
   * critical, advance. */
  static final double[][] ATTITUDE = {
    {43, 51, 30, 39, 61, 92, 45}, {63, 64, 51, 54, 63, 73, 47}, {71, 70, 68, 69, 76, 86, 48},
    {61, 63, 45, 47, 54, 84, 35}, {81, 78, 56, 66, 71, 83, 47}, {43, 55, 49, 44, 54, 49, 34},
    {58, 67, 42, 56, 66, 68, 35}, {71, 75, 50, 55, 70, 66, 41}, {72, 82, 72, 67, 71, 83, 31},
    {67, 61, 45, 47, 62, 80, 41}, {64, 53, 53, 58, 58, 67, 34}, {67, 60, 47, 39, 59, 74, 41},
    {69, 62, 57, 42, 55, 63, 25}, {68, 83, 83, 45, 59, 77, 35}, {77, 77, 54, 72, 79, 77, 46},
    {81, 90, 50, 72, 60, 54, 36}, {74, 85, 64, 69, 79, 79, 63}, {65, 60, 65, 75, 55, 80, 60},
    {65, 70, 46, 57, 75, 85, 46}, {50, 58, 68, 54, 64, 78, 52}, {50, 40, 33, 34, 43, 64, 33},
    {64, 61, 52, 62, 66, 80, 41}, {53, 66, 52, 50, 63, 80, 37}, {40, 37, 42, 58, 50, 57, 49},
    {63, 54, 42, 48, 66, 75, 33}, {66, 77, 66, 63, 88, 76, 72}, {78, 75, 58, 74, 80, 78, 49},
    {48, 57, 44, 45, 51, 83, 38}, {85, 85, 71, 71, 77, 74, 55}, {82, 82, 39, 59, 64, 78, 39}
  };

  static final List<String> ATTITUDE_DRIVERS =
      List.of("complaints", "privileges", "learning", "raises", "critical", "advance");

  static Moments moments(double[][] rows, double[] w) {
    Moments m = new Moments(rows[0].length);
    for (int i = 0; i < rows.length; i++) {
      m.add(rows[i], w == null ? 1 : w[i]);
    }
    return m;
  }

  /** Correlated drivers (ratings-like) and an outcome depending on them with noise. */
  static double[][] randomRows(Random rnd, int n, int k, double offset) {
    double[][] rows = new double[n][k + 1];
    for (int i = 0; i < n; i++) {
      double common = rnd.nextGaussian();
      double y = 0;
      for (int j = 1; j <= k; j++) {
        double x = 0.6 * common + rnd.nextGaussian() + 0.3 * j;
        rows[i][j] = x + offset;
        y += (0.5 - 0.1 * j) * x;
      }
      rows[i][0] = y + rnd.nextGaussian() + offset;
    }
    return rows;
  }

  static double[] randomWeights(Random rnd, int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.2 + 2 * rnd.nextDouble();
    }
    return w;
  }

  /** Reference fit: QR on rows and intercept column multiplied by √w, no intercept term added. */
  static final class Reference {
    final double[] beta;
    final double[] se;
    final double r2;

    Reference(double[][] rows, double[] w, int[] drivers) {
      int n = rows.length;
      double[][] x = new double[n][drivers.length + 1];
      double[] y = new double[n];
      double sw = 0;
      double swy = 0;
      for (int i = 0; i < n; i++) {
        double s = Math.sqrt(w[i]);
        x[i][0] = s;
        for (int j = 0; j < drivers.length; j++) {
          x[i][j + 1] = s * rows[i][drivers[j]];
        }
        y[i] = s * rows[i][0];
        sw += w[i];
        swy += w[i] * rows[i][0];
      }
      double ybar = swy / sw;
      double tss = 0;
      for (int i = 0; i < n; i++) {
        tss += w[i] * (rows[i][0] - ybar) * (rows[i][0] - ybar);
      }
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(0);
      ols.setNoIntercept(true);
      ols.newSampleData(y, x);
      beta = ols.estimateRegressionParameters();
      se = ols.estimateRegressionParametersStandardErrors();
      r2 = 1 - ols.calculateResidualSumOfSquares() / tss;
    }
  }
}
