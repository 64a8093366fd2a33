package io.signalchain.monitoring;

import io.signalchain.config.TrendPeriod;
import io.signalchain.measures.stats.Change;
import java.time.LocalDate;

/**
 * One tested (or untestable) change of a step's metric: the last complete period against a
 * reference. {@code change} is null unless {@code status} is OK; values are on the reported
 * scale (shares and NPS in points).
 *
 * @param referencePeriods how many periods of the reference hold data of the step
 * @param responses the metric's answers in the period (contacts for contacts per 1,000 passes)
 * @param valueHigh the upper end of the period's own 95 % interval (means only, else NaN)
 * @param target the step's target satisfaction (satisfaction only, else NaN)
 */
record MetricChange(String unit, TrendPeriod type, LocalDate periodStart, Metric metric, Comparison comparison,
    LocalDate referenceFirst, LocalDate referenceLast, int referencePeriods, long responses,
    long referenceResponses, double value, double valueHigh, double referenceValue, Change change,
    ChangeStatus status, double target) {

  boolean worse() {
    return change != null && (metric.higherIsBetter() ? change.difference() < 0 : change.difference() > 0);
  }

  /** Satisfaction fell below the step's target since the previous period (a point estimate). */
  boolean crossedTarget() {
    return metric == Metric.SATISFACTION && comparison == Comparison.PREVIOUS && Double.isFinite(value)
        && Double.isFinite(referenceValue) && value < target && referenceValue >= target;
  }

  /**
   * The target alert: satisfaction crossed below the step's target since the previous period and
   * the period's whole 95 % interval lies below the target — the data reject "the step still
   * meets its target" at 2.5 % one-sided, so a mean wobbling around its target does not alarm.
   */
  boolean belowTarget() {
    return crossedTarget() && valueHigh < target;
  }
}
