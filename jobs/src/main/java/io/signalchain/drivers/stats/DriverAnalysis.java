package io.signalchain.drivers.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Driver analysis of one step from its moments: regression, importance and quadrants. */
public final class DriverAnalysis {
  private DriverAnalysis() {}

  /**
   * Limits of the driver analysis.
   *
   * @param minResponses fewest responses a model may be fitted on (at least 1); a model also needs
   *     {@value WeightedOls#RESPONSES_PER_DRIVER} per included driver
   * @param maxShapleyDrivers most drivers for the exact Shapley decomposition (0 to {@value
   *     ShapleyDecomposition#HARD_MAX_DRIVERS}); above it importance comes from relative weights
   */
  public record Settings(int minResponses, int maxShapleyDrivers) {
    public Settings {
      if (minResponses < 1) {
        throw new IllegalArgumentException("minResponses must be at least 1, got " + minResponses);
      }
      if (maxShapleyDrivers < 0 || maxShapleyDrivers > ShapleyDecomposition.HARD_MAX_DRIVERS) {
        throw new IllegalArgumentException("maxShapleyDrivers must be between 0 and "
            + ShapleyDecomposition.HARD_MAX_DRIVERS + ", got " + maxShapleyDrivers);
      }
    }

    /** 30 responses at least, exact Shapley up to 20 drivers. */
    public static Settings defaults() {
      return new Settings(30, ShapleyDecomposition.DEFAULT_MAX_DRIVERS);
    }
  }

  /**
   * Analyses one step.
   *
   * <p>Importance–performance grid: only included drivers of a fitted model are placed. A driver
   * has high importance when its {@code importancePct} is at least the average of the included
   * drivers (100 / k), and high performance when its performance is at least the unweighted mean
   * performance of the included drivers; ties count as high. High/high is {@link
   * Quadrant#KEY_STRENGTH}, high importance/low performance {@link Quadrant#PRIORITY_TO_IMPROVE},
   * low/high {@link Quadrant#SECONDARY_STRENGTH}, low/low {@link Quadrant#LOW_PRIORITY}.
   *
   * @param moments statistics of the outcome (variable 0) and the drivers (1..k)
   * @param driverNames the k driver names in the order of the moments (aliasing is judged in this
   *     order)
   */
  public static DriverModel analyse(Moments moments, List<String> driverNames, Settings settings) {
    RegressionFit fit = WeightedOls.fit(
        moments, driverNames, settings.minResponses(), WeightedOls.RESPONSES_PER_DRIVER);
    int k = driverNames.size();
    double[] performance = new double[k];
    for (int j = 0; j < k; j++) {
      performance[j] = moments.count() > 0 ? moments.mean(j + 1) : Double.NaN;
    }
    List<DriverImportance> drivers = new ArrayList<>();
    if (!fit.fitted()) {
      for (int j = 0; j < k; j++) {
        drivers.add(new DriverImportance(fit.drivers().get(j), performance[j], Double.NaN,
            Double.NaN, Double.NaN, Quadrant.NOT_CLASSIFIED));
      }
      return new DriverModel(fit.status(), fit.explanation(), fit, ImportanceBasis.NONE, drivers);
    }

    int[] included = new int[fit.includedDrivers()];
    int[] variables = new int[included.length + 1];
    for (int j = 0, u = 0; j < k; j++) {
      if (fit.drivers().get(j).status() == DriverStatus.INCLUDED) {
        included[u] = j;
        variables[++u] = j + 1;
      }
    }
    int kk = included.length;
    double[][] r = moments.select(variables).correlationMatrix();
    double[][] rxx = new double[kk][kk];
    double[] rxy = new double[kk];
    for (int u = 0; u < kk; u++) {
      rxy[u] = r[0][u + 1];
      for (int v = 0; v < kk; v++) {
        rxx[u][v] = r[u + 1][v + 1];
      }
    }
    double[] relative = RelativeWeights.compute(rxx, rxy);
    boolean exact = kk <= settings.maxShapleyDrivers();
    double[] shapley = exact
        ? ShapleyDecomposition.decompose(rxx, rxy, settings.maxShapleyDrivers())
        : null;
    double[] share = exact ? shapley : relative;
    double total = 0;
    double meanPerformance = 0;
    for (int u = 0; u < kk; u++) {
      total += share[u];
      meanPerformance += performance[included[u]] / kk;
    }
    String explanation = fit.explanation() + (exact ? "" : " Shapley decomposition skipped: " + kk
        + " drivers exceed the maximum of " + settings.maxShapleyDrivers()
        + "; importance from relative weights.");

    double[] pct = new double[k];
    double[] shapleyOf = new double[k];
    double[] relativeOf = new double[k];
    Arrays.fill(pct, Double.NaN);
    Arrays.fill(shapleyOf, Double.NaN);
    Arrays.fill(relativeOf, Double.NaN);
    for (int u = 0; u < kk; u++) {
      int j = included[u];
      pct[j] = total > 0 ? 100 * share[u] / total : Double.NaN;
      shapleyOf[j] = exact ? shapley[u] : Double.NaN;
      relativeOf[j] = relative[u];
    }
    double importanceCut = 100.0 / kk;
    for (int j = 0; j < k; j++) {
      drivers.add(new DriverImportance(fit.drivers().get(j), performance[j], shapleyOf[j],
          relativeOf[j], pct[j], quadrant(pct[j], importanceCut, performance[j], meanPerformance)));
    }
    return new DriverModel(fit.status(), explanation, fit,
        exact ? ImportanceBasis.SHAPLEY : ImportanceBasis.RELATIVE_WEIGHTS, drivers);
  }

  private static Quadrant quadrant(
      double pct, double importanceCut, double performance, double performanceCut) {
    if (Double.isNaN(pct) || Double.isNaN(performance)) {
      return Quadrant.NOT_CLASSIFIED;
    }
    boolean important = pct >= importanceCut;
    boolean performing = performance >= performanceCut;
    if (important) {
      return performing ? Quadrant.KEY_STRENGTH : Quadrant.PRIORITY_TO_IMPROVE;
    }
    return performing ? Quadrant.SECONDARY_STRENGTH : Quadrant.LOW_PRIORITY;
  }
}
