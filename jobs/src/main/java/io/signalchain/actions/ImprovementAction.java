package io.signalchain.actions;

import static org.apache.spark.sql.functions.col;

import io.signalchain.config.ActionMetric;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One accepted row of the improvement_actions input: an action a team took on a journey step from
 * {@code startedOn} (until {@code endedOn}, if it ended), optionally aimed at one metric.
 */
public record ImprovementAction(String actionId, String stepId, String team, String title, LocalDate startedOn,
    LocalDate endedOn, ActionMetric targetMetric) {

  /**
   * The accepted actions, by start date and id. An organisation records tens to hundreds of
   * actions, not signals: they are the one input brought to the driver whole.
   */
  public static List<ImprovementAction> of(Dataset<Row> accepted) {
    List<ImprovementAction> actions = new ArrayList<>();
    for (Row r : accepted.select("action_id", "step_id", "team", "title", "started_on", "ended_on", "target_metric")
        .orderBy(col("started_on"), col("action_id")).collectAsList()) {
      actions.add(new ImprovementAction(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          date(r, 4), date(r, 5), r.isNullAt(6) ? null : ActionMetric.fromKey(r.getString(6))));
    }
    return actions;
  }

  private static LocalDate date(Row r, int i) {
    return r.isNullAt(i) ? null : ((Date) r.get(i)).toLocalDate();
  }

  /** Whether the action was running at some day of [first, last]: it started by then and had not ended before. */
  boolean activeDuring(LocalDate first, LocalDate last) {
    return !startedOn.isAfter(last) && (endedOn == null || !endedOn.isBefore(first));
  }
}
