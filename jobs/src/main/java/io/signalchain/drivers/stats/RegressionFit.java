package io.signalchain.drivers.stats;

import java.util.List;

/**
 * Weighted least-squares fit of the outcome on the drivers with an intercept, as R's {@code lm(y ~
 * ., weights = w)} reports it. Numbers that could not be computed are NaN; {@link #status} and
 * {@link #explanation} say why.
 *
 * @param n rows with positive weight
 * @param residualDf n − (included drivers) − 1
 * @param fDf1 numerator degrees of freedom of F (included drivers)
 * @param fDf2 denominator degrees of freedom of F (= residualDf)
 * @param drivers one entry per driver asked, in the order given
 */
public record RegressionFit(
    ModelStatus status,
    String explanation,
    long n,
    double weightSum,
    int residualDf,
    double r2,
    double adjR2,
    double fStatistic,
    int fDf1,
    int fDf2,
    double fPValue,
    double residualStandardError,
    Estimate intercept,
    List<DriverFit> drivers) {

  public RegressionFit {
    drivers = List.copyOf(drivers);
  }

  /** Drivers with status {@link DriverStatus#INCLUDED}. */
  public int includedDrivers() {
    return (int) drivers.stream().filter(d -> d.status() == DriverStatus.INCLUDED).count();
  }

  /** True when coefficients and R² are available. */
  public boolean fitted() {
    return status == ModelStatus.OK || status == ModelStatus.PERFECT_FIT;
  }
}
