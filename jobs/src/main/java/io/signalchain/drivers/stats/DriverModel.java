package io.signalchain.drivers.stats;

import java.util.List;

/**
 * The driver analysis of one step: the regression, how importance was decomposed, and every
 * driver asked, in the order given.
 *
 * @param explanation what was done or why not, including dropped drivers and a skipped Shapley
 *     decomposition
 */
public record DriverModel(
    ModelStatus status,
    String explanation,
    RegressionFit regression,
    ImportanceBasis importanceBasis,
    List<DriverImportance> drivers) {

  public DriverModel {
    drivers = List.copyOf(drivers);
  }
}
