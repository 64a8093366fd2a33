package io.signalchain.drivers.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * Weighted OLS with intercept from {@link Moments} (variable 0 = outcome, 1..k = drivers), with
 * the estimates and inference of R's {@code lm(y ~ ., weights = w)}: weights are precision
 * weights, n counts rows with positive weight, and the residual degrees of freedom are n − k − 1.
 *
 * <p>The fit sweeps the drivers, in the order given, into the correlation matrix. Before a driver
 * is swept its pivot is the share of its variance not explained by the drivers already in: below
 * {@link #ALIAS_TOLERANCE} it is dropped as aliased, which is R's rule (a column that is a linear
 * combination of earlier columns gets NA). R applies its 1e-7 to the QR column norm; here it
 * applies to the squared scale (1 − R² of the driver on the earlier ones, i.e. VIF ≥ 1e7), because
 * the moments are normal equations and carry about twice the digits' loss.
 *
 * <p>Checks, in order: no data, constant outcome, no drivers, constant drivers, aliased drivers,
 * too few responses (see {@link ModelStatus}).
 */
public final class WeightedOls {
  /** Largest unexplained share (1 − R² on the earlier drivers) at which a driver is aliased. */
  public static final double ALIAS_TOLERANCE = 1e-7;

  /** A variable is constant when its weighted sd is below this share of max(1, |mean|). */
  static final double CONSTANT_TOLERANCE = 1e-9;

  /** 1 − R² below which the fit is exact and inference undefined. */
  static final double PERFECT_FIT_TOLERANCE = 1e-10;

  /** Responses the driver analysis requires per driver in the model, whatever the minimum. */
  public static final int RESPONSES_PER_DRIVER = 10;

  private WeightedOls() {}

  /**
   * Fits the outcome on the drivers.
   *
   * @param moments statistics of outcome (0) and drivers (1..k)
   * @param driverNames names of the k drivers, in the order of the moments
   * @param minResponses configured minimum number of responses for a model
   * @param responsesPerDriver responses required per driver in the model on top of that minimum
   *     (the driver analysis uses {@value #RESPONSES_PER_DRIVER}; 1 reproduces plain {@code lm})
   */
  public static RegressionFit fit(
      Moments moments, List<String> driverNames, int minResponses, int responsesPerDriver) {
    if (responsesPerDriver < 1) {
      throw new IllegalArgumentException(
          "responsesPerDriver must be at least 1, got " + responsesPerDriver);
    }
    int k = driverNames.size();
    if (moments.variables() != k + 1) {
      throw new IllegalArgumentException("Moments hold " + moments.variables()
          + " variables but outcome plus " + k + " drivers were named");
    }
    long n = moments.count();
    if (n == 0) {
      return noFit(ModelStatus.NO_DATA, "No responses with a positive weight.", moments,
          included(driverNames));
    }
    if (k == 0) {
      return noFit(ModelStatus.NO_DRIVERS, "No drivers were asked in this step.", moments,
          List.of());
    }
    if (isConstant(moments, 0)) {
      return noFit(ModelStatus.CONSTANT_OUTCOME, "Every response gives the outcome the same score ("
          + moments.mean(0) + "), so there is no variation to explain.", moments,
          included(driverNames));
    }

    // Correlation matrix of outcome (0) and non-constant drivers; swept in place.
    double[] sd = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      sd[i] = Math.sqrt(moments.comoment(i, i));
    }
    DriverStatus[] status = new DriverStatus[k];
    String[] note = new String[k];
    // Constant drivers get zero rows so they cannot spread NaN or noise through the sweep.
    boolean[] constant = new boolean[k + 1];
    for (int j = 1; j <= k; j++) {
      constant[j] = isConstant(moments, j);
    }
    double[][] a = new double[k + 1][k + 1];
    for (int i = 0; i <= k; i++) {
      for (int j = 0; j <= k; j++) {
        a[i][j] = constant[i] || constant[j] ? 0 : moments.comoment(i, j) / (sd[i] * sd[j]);
      }
    }
    List<Integer> kept = new ArrayList<>();
    for (int j = 1; j <= k; j++) {
      if (constant[j]) {
        status[j - 1] = DriverStatus.DROPPED_CONSTANT;
        note[j - 1] = "Constant: every response gives it the same score (" + moments.mean(j) + ").";
      } else if (a[j][j] < ALIAS_TOLERANCE) {
        status[j - 1] = DriverStatus.DROPPED_ALIASED;
        note[j - 1] = "Aliased: a linear combination of earlier drivers (unexplained share "
            + String.format(Locale.ROOT, "%.3g", Math.max(0, a[j][j])) + ").";
      } else {
        status[j - 1] = DriverStatus.INCLUDED;
        note[j - 1] = "";
        sweep(a, j);
        kept.add(j);
      }
    }
    List<DriverFit> dropped = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      dropped.add(status[j] == DriverStatus.INCLUDED
          ? new DriverFit(driverNames.get(j), DriverStatus.INCLUDED, Estimate.NA, Double.NaN,
              Double.NaN, "")
          : DriverFit.dropped(driverNames.get(j), status[j], note[j]));
    }
    String droppedNote = droppedSummary(driverNames, status);
    int kk = kept.size();
    if (kk == 0) {
      return noFit(ModelStatus.NO_DRIVERS, "Every driver was dropped." + droppedNote, moments,
          dropped);
    }
    // Even a minimum of 1 leaves at least one residual degree of freedom.
    long required = Math.max(Math.max(minResponses, kk + 2L), (long) responsesPerDriver * kk);
    if (n < required) {
      return noFit(ModelStatus.TOO_FEW_RESPONSES, n + " responses, " + required + " needed (at least "
          + minResponses + ", and " + responsesPerDriver + " for each of the " + kk
          + " drivers in the model)." + droppedNote, moments, dropped);
    }

    int rdf = (int) (n - kk - 1);
    double unexplained = Math.max(0, a[0][0]);
    double r2 = 1 - unexplained;
    boolean perfect = unexplained < PERFECT_FIT_TOLERANCE;
    double rss = unexplained * moments.comoment(0, 0);
    double sigma2 = rss / rdf;
    TDistribution t = new TDistribution(null, rdf);
    double tCrit = t.inverseCumulativeProbability(0.975);

    double[] b = new double[kk];
    double intercept = moments.mean(0);
    for (int u = 0; u < kk; u++) {
      int j = kept.get(u);
      b[u] = a[j][0] * sd[0] / sd[j];
      intercept -= b[u] * moments.mean(j);
    }
    // Var(intercept) = σ² (1/W + x̄ᵀ Cxx⁻¹ x̄); Cxx⁻¹ = −A_SS scaled back from correlations.
    double quad = 0;
    for (int u = 0; u < kk; u++) {
      int i = kept.get(u);
      for (int v = 0; v < kk; v++) {
        int j = kept.get(v);
        quad += moments.mean(i) * (-a[i][j] / (sd[i] * sd[j])) * moments.mean(j);
      }
    }
    List<DriverFit> drivers = new ArrayList<>(dropped);
    for (int u = 0; u < kk; u++) {
      int j = kept.get(u);
      double se = Math.sqrt(sigma2 * -a[j][j]) / sd[j];
      drivers.set(j - 1, new DriverFit(driverNames.get(j - 1), DriverStatus.INCLUDED,
          perfect ? Estimate.pointOnly(b[u]) : estimate(b[u], se, t, tCrit), a[j][0], -a[j][j], ""));
    }
    double interceptSe = Math.sqrt(sigma2 * (1 / moments.weightSum() + quad));
    double adjR2 = 1 - (1 - r2) * (n - 1) / rdf;
    double f = (r2 / kk) / (unexplained / rdf);
    String explanation = (perfect
        ? "The drivers reproduce the outcome exactly; standard errors, p values and F are undefined."
        : "Fitted on " + n + " responses and " + kk + " drivers.") + droppedNote;
    return new RegressionFit(perfect ? ModelStatus.PERFECT_FIT : ModelStatus.OK, explanation, n,
        moments.weightSum(), rdf, r2, adjR2, perfect ? Double.NaN : f, kk, rdf,
        perfect ? Double.NaN : fUpperTail(f, kk, rdf), Math.sqrt(sigma2),
        perfect ? Estimate.pointOnly(intercept) : estimate(intercept, interceptSe, t, tCrit),
        drivers);
  }

  /**
   * Sweeps pivot {@code k} into the symmetric matrix {@code a}: afterwards the swept block holds
   * minus its inverse and the unswept block the residual (co)variances given the swept variables.
   */
  static void sweep(double[][] a, int k) {
    int n = a.length;
    double d = a[k][k];
    for (int i = 0; i < n; i++) {
      if (i == k) {
        continue;
      }
      double f = a[i][k] / d;
      for (int j = 0; j < n; j++) {
        if (j != k) {
          a[i][j] -= f * a[k][j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (i != k) {
        a[i][k] /= d;
        a[k][i] = a[i][k];
      }
    }
    a[k][k] = -1 / d;
  }

  static boolean isConstant(Moments m, int i) {
    double sd = Math.sqrt(m.comoment(i, i) / m.weightSum());
    return !(sd > CONSTANT_TOLERANCE * Math.max(1, Math.abs(m.mean(i))));
  }

  private static Estimate estimate(double value, double se, TDistribution t, double tCrit) {
    double tv = value / se;
    return new Estimate(value, se, tv, 2 * t.cumulativeProbability(-Math.abs(tv)),
        value - tCrit * se, value + tCrit * se);
  }

  /** P(F > f) via the regularized incomplete beta, which keeps digits that 1 − cdf loses. */
  static double fUpperTail(double f, int df1, int df2) {
    if (Double.isInfinite(f)) {
      return 0;
    }
    return Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2.0, df1 / 2.0);
  }

  private static String droppedSummary(List<String> names, DriverStatus[] status) {
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < status.length; j++) {
      if (status[j] != DriverStatus.INCLUDED) {
        s.append(s.length() == 0 ? " Dropped: " : ", ").append(names.get(j)).append(" (")
            .append(status[j] == DriverStatus.DROPPED_CONSTANT ? "constant" : "aliased")
            .append(')');
      }
    }
    return s.length() == 0 ? "" : s.append('.').toString();
  }

  private static List<DriverFit> included(List<String> names) {
    List<DriverFit> out = new ArrayList<>();
    for (String name : names) {
      out.add(new DriverFit(name, DriverStatus.INCLUDED, Estimate.NA, Double.NaN, Double.NaN, ""));
    }
    return out;
  }

  private static RegressionFit noFit(
      ModelStatus status, String explanation, Moments m, List<DriverFit> drivers) {
    return new RegressionFit(status, explanation, m.count(), m.weightSum(), -1, Double.NaN,
        Double.NaN, Double.NaN, 0, 0, Double.NaN, Double.NaN, Estimate.NA, drivers);
  }
}
