package io.signalchain.drivers.stats;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Johnson's (2000) relative weights: the drivers are replaced by their closest orthogonal
 * counterparts Z, the outcome is regressed on Z (β), and each driver gets back the part of Z's
 * contributions it loads on. With Rxx = VΛVᵀ and Λ½ = V diag(√λ) Vᵀ (the correlations between
 * drivers and Z): β = (Λ½)⁻¹ r_xy and weight_j = Σ_m (Λ½)_{jm}² β_m². The weights sum to R².
 * Cheap at any k, so it is always reported.
 */
public final class RelativeWeights {
  private RelativeWeights() {}

  /**
   * @param rxx correlation matrix of the drivers (full rank: aliased drivers removed)
   * @param rxy correlations of the drivers with the outcome
   * @return raw relative weight per driver
   */
  public static double[] compute(double[][] rxx, double[] rxy) {
    int k = rxy.length;
    EigenDecomposition eigen = new EigenDecomposition(MatrixUtils.createRealMatrix(rxx));
    double[] lambda = eigen.getRealEigenvalues();
    for (double l : lambda) {
      if (!(l > 0)) {
        throw new IllegalArgumentException(
            "Driver correlation matrix is singular (eigenvalue " + l + "); drop aliased drivers");
      }
    }
    RealMatrix v = eigen.getV();
    double[][] root = new double[k][k];
    double[][] inverseRoot = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double r = 0;
        double ir = 0;
        for (int m = 0; m < k; m++) {
          double vv = v.getEntry(i, m) * v.getEntry(j, m);
          double sqrtLambda = Math.sqrt(lambda[m]);
          r += vv * sqrtLambda;
          ir += vv / sqrtLambda;
        }
        root[i][j] = root[j][i] = r;
        inverseRoot[i][j] = inverseRoot[j][i] = ir;
      }
    }
    double[] beta = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        beta[i] += inverseRoot[i][j] * rxy[j];
      }
    }
    double[] weight = new double[k];
    for (int j = 0; j < k; j++) {
      for (int m = 0; m < k; m++) {
        weight[j] += root[j][m] * root[j][m] * beta[m] * beta[m];
      }
    }
    return weight;
  }
}
