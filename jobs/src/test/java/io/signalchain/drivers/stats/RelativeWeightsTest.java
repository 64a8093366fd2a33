package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class RelativeWeightsTest {

  @Test
  void matchesSvdOfStandardizedDataAndSumsToR2() {
    Random rnd = new Random(23);
    int n = 250;
    int k = 5;
    double[][] rows = StatsFixtures.randomRows(rnd, n, k, 0);
    double[] w = StatsFixtures.randomWeights(rnd, n);
    Moments m = StatsFixtures.moments(rows, w);
    ShapleyDecompositionTest.Correlations c = ShapleyDecompositionTest.Correlations.of(m);
    double[] weights = RelativeWeights.compute(c.rxx, c.rxy);

    // Independent route (Johnson 2000): Z = √w-scaled, centred, unit-norm data = U D Vᵀ;
    // the orthogonal counterpart is U Vᵀ, Λ = V D Vᵀ, β = (U Vᵀ)ᵀ y.
    double[][] z = new double[n][k];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = Math.sqrt(w[i]);
      y[i] = s * (rows[i][0] - m.mean(0)) / Math.sqrt(m.comoment(0, 0));
      for (int j = 0; j < k; j++) {
        z[i][j] = s * (rows[i][j + 1] - m.mean(j + 1)) / Math.sqrt(m.comoment(j + 1, j + 1));
      }
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(z));
    RealMatrix v = svd.getV();
    RealMatrix orthogonal = svd.getU().multiply(v.transpose());
    RealMatrix lambda = v.multiply(svd.getS()).multiply(v.transpose());
    double[] beta = orthogonal.transpose().operate(y);
    StatsFixtures.Reference ref = new StatsFixtures.Reference(rows, w, new int[] {1, 2, 3, 4, 5});
    double sum = 0;
    for (int j = 0; j < k; j++) {
      double expected = 0;
      for (int l = 0; l < k; l++) {
        expected += lambda.getEntry(j, l) * lambda.getEntry(j, l) * beta[l] * beta[l];
      }
      assertEquals(expected, weights[j], 1e-12, "driver " + j);
      sum += weights[j];
    }
    assertEquals(ref.r2, sum, 1e-12);
  }

  @Test
  void uncorrelatedDriversGetTheirSquaredCorrelation() {
    double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double[] rxy = {0.5, -0.3, 0.1};
    double[] weights = RelativeWeights.compute(identity, rxy);
    for (int j = 0; j < 3; j++) {
      assertEquals(rxy[j] * rxy[j], weights[j], 1e-15);
    }
  }
}
