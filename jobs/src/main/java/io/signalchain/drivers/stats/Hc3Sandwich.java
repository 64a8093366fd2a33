package io.signalchain.drivers.stats;

import java.io.Serializable;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * HC3 heteroscedasticity-consistent standard errors of a weighted fit, as R's
 * {@code sandwich::vcovHC(lm(y ~ ., weights = w), type = "HC3")} computes them:
 * {@code V = (XᵀWX)⁻¹ [Σ (wᵢeᵢ / (1 − hᵢ))² xᵢxᵢᵀ] (XᵀWX)⁻¹} with leverage
 * {@code hᵢ = wᵢ xᵢᵀ(XᵀWX)⁻¹xᵢ}.
 *
 * <p>The fit is known from the moments (first pass); the middle term (the "meat") needs every row
 * once more (second pass). Rows are taken centred on the weighted means, where {@code XᵀWX} is block
 * diagonal ({@code W} for the intercept, the drivers' co-moment matrix {@code C} for the slopes), so
 * {@code hᵢ = wᵢ (1/W + dᵢᵀC⁻¹dᵢ)} with {@code dᵢ = xᵢ − x̄}; the covariance is mapped back to the
 * uncentred intercept at the end. The plan is immutable and shipped to the executors; the meat is a
 * plain packed array (upper triangle of (k+1)×(k+1), intercept first) that rows add into and
 * partial results sum.
 *
 * @param outcomeMean weighted mean of the outcome
 * @param driverMeans weighted means of the k drivers in the model
 * @param slopes the fitted coefficients of those drivers
 * @param inverse {@code C⁻¹}, k×k row by row
 * @param weightSum {@code W}
 */
public record Hc3Sandwich(double outcomeMean, double[] driverMeans, double[] slopes, double[] inverse,
    double weightSum) implements Serializable {

  /**
   * @param moments statistics of the outcome (0) and the drivers in the model (1..k), not aliased
   * @param slopes fitted coefficients of those drivers
   */
  public static Hc3Sandwich of(Moments moments, double[] slopes) {
    int k = slopes.length;
    if (moments.variables() != k + 1) {
      throw new IllegalArgumentException("Moments hold " + moments.variables() + " variables for " + k + " slopes");
    }
    double[] means = new double[k];
    double[][] c = new double[k][k];
    for (int i = 0; i < k; i++) {
      means[i] = moments.mean(i + 1);
      for (int j = 0; j < k; j++) {
        c[i][j] = moments.comoment(i + 1, j + 1);
      }
    }
    RealMatrix inv = new CholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-14, 1e-300).getSolver()
        .getInverse();
    double[] flat = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        flat[i * k + j] = inv.getEntry(i, j);
      }
    }
    return new Hc3Sandwich(moments.mean(0), means, slopes.clone(), flat, moments.weightSum());
  }

  /** Drivers in the model. */
  public int drivers() {
    return slopes.length;
  }

  /** Length of the packed meat array. */
  public int meatSize() {
    int p = slopes.length + 1;
    return p * (p + 1) / 2;
  }

  /**
   * Adds one row (listwise complete, weight above 0) to {@code meat}.
   *
   * @param x the row's values of the drivers in the model; {@code scratch} holds k + 1 doubles
   */
  public void add(double[] meat, double y, double[] x, double w, double[] scratch) {
    int k = slopes.length;
    double residual = y - outcomeMean;
    scratch[0] = 1;
    for (int j = 0; j < k; j++) {
      double d = x[j] - driverMeans[j];
      scratch[j + 1] = d;
      residual -= slopes[j] * d;
    }
    double quad = 0;
    for (int i = 0; i < k; i++) {
      double row = 0;
      for (int j = 0; j < k; j++) {
        row += inverse[i * k + j] * scratch[j + 1];
      }
      quad += scratch[i + 1] * row;
    }
    double leverage = w * (1 / weightSum + quad);
    double u = w * residual / (1 - leverage);
    double u2 = u * u;
    int idx = 0;
    for (int i = 0; i <= k; i++) {
      double f = u2 * scratch[i];
      for (int j = i; j <= k; j++) {
        meat[idx++] += f * scratch[j];
      }
    }
  }

  /** Sums {@code other} into {@code meat}. */
  public static double[] merge(double[] meat, double[] other) {
    for (int i = 0; i < meat.length; i++) {
      meat[i] += other[i];
    }
    return meat;
  }

  /**
   * The HC3 covariance matrix, intercept first, in the uncentred parametrisation of the fit.
   */
  public double[][] covariance(double[] meat) {
    int p = slopes.length + 1;
    // Bread of the centred fit: diag(1/W, C⁻¹).
    double[][] bread = new double[p][p];
    bread[0][0] = 1 / weightSum;
    for (int i = 1; i < p; i++) {
      for (int j = 1; j < p; j++) {
        bread[i][j] = inverse[(i - 1) * (p - 1) + (j - 1)];
      }
    }
    double[][] m = new double[p][p];
    int idx = 0;
    for (int i = 0; i < p; i++) {
      for (int j = i; j < p; j++) {
        m[i][j] = m[j][i] = meat[idx++];
      }
    }
    RealMatrix b = MatrixUtils.createRealMatrix(bread);
    RealMatrix centred = b.multiply(MatrixUtils.createRealMatrix(m)).multiply(b);
    // Intercept = a − Σ b_j x̄_j: L = [[1, −x̄ᵀ], [0, I]].
    double[][] l = new double[p][p];
    l[0][0] = 1;
    for (int j = 1; j < p; j++) {
      l[0][j] = -driverMeans[j - 1];
      l[j][j] = 1;
    }
    RealMatrix lm = MatrixUtils.createRealMatrix(l);
    return lm.multiply(centred).multiply(lm.transpose()).getData();
  }

  /**
   * Robust estimates (intercept first, then the slopes), with Student t on the residual degrees of
   * freedom as {@code lmtest::coeftest(fit, vcov = vcovHC(fit, type = "HC3"))} reports them.
   */
  public Estimate[] estimates(double[] meat, double intercept, int residualDf) {
    double[][] v = covariance(meat);
    TDistribution t = new TDistribution(null, residualDf);
    double tCrit = t.inverseCumulativeProbability(0.975);
    Estimate[] out = new Estimate[v.length];
    for (int i = 0; i < v.length; i++) {
      double value = i == 0 ? intercept : slopes[i - 1];
      double se = Math.sqrt(v[i][i]);
      double tv = value / se;
      out[i] = new Estimate(value, se, tv, 2 * t.cumulativeProbability(-Math.abs(tv)), value - tCrit * se,
          value + tCrit * se);
    }
    return out;
  }
}
