package io.signalchain.drivers.stats;

/**
 * Regression results of one driver.
 *
 * @param coefficient unstandardized slope with its inference; {@link Estimate#NA} when dropped or
 *     when the model has no fit
 * @param stdBeta standardized coefficient {@code b · sd_x / sd_y} (weighted standard deviations)
 * @param vif variance inflation factor: diagonal of the inverse correlation matrix of the included
 *     drivers
 * @param note why the driver was dropped, empty when included
 */
public record DriverFit(
    String driver, DriverStatus status, Estimate coefficient, double stdBeta, double vif,
    String note) {

  static DriverFit dropped(String driver, DriverStatus status, String note) {
    return new DriverFit(driver, status, Estimate.NA, Double.NaN, Double.NaN, note);
  }
}
