package io.signalchain.actions;

import io.signalchain.config.ActionMetric;
import io.signalchain.measures.stats.Change;
import java.util.List;

/**
 * One action's measured effect on one metric: the step's pre and post figures, its own change,
 * the comparison steps used and their mean change, the difference-in-differences, and for the
 * contact cost the euro effect per month.
 *
 * @param change the step's own change, post − pre (null when it cannot be estimated)
 * @param comparisonSteps the comparison steps with enough data on this metric
 * @param comparisonChange their mean change (NaN without any)
 * @param did the step's change minus the comparison steps' mean change (null without comparisons)
 * @param euroPerMonth for {@link ActionMetric#CONTACT_COST}: the effect's change in contact cost
 *     per 1,000 passes × the step's passes per month (post-period) / 1,000, with its interval
 */
record MetricEffect(ActionMetric metric, PeriodFigures pre, PeriodFigures post, Change change,
    List<String> comparisonSteps, double comparisonChange, Change did, Change euroPerMonth, EffectStatus status,
    String reason) {
  MetricEffect {
    comparisonSteps = List.copyOf(comparisonSteps);
  }

  /** The best estimate of the effect: the difference-in-differences where there is one. */
  Change effect() {
    return did;
  }
}
