package io.signalchain.drivers.stats;

/**
 * Everything reported about one driver of a step.
 *
 * @param fit regression results (status, coefficient, standardized beta, VIF)
 * @param performance the driver's weighted mean score (NaN without data)
 * @param shapley Shapley value (LMG share) of R²; NaN if not computed
 * @param relativeWeight Johnson's raw relative weight; NaN if not computed
 * @param importancePct share of importance in percent (the included drivers sum to 100), from
 *     the Shapley values where computed, else from the relative weights
 * @param quadrant place on the importance–performance grid
 */
public record DriverImportance(
    DriverFit fit,
    double performance,
    double shapley,
    double relativeWeight,
    double importancePct,
    Quadrant quadrant) {

  public String driver() {
    return fit.driver();
  }

  public DriverStatus status() {
    return fit.status();
  }
}
