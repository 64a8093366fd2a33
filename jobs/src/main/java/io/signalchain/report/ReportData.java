package io.signalchain.report;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The small, already aggregated rows one report shows, for one succeeded run. Tables a run did not
 * write (an older version of the job) are empty lists. {@code trends} are kpi_trends' rows, {@code
 * alerts} the kpi_alerts rows that are alerts; {@code asymmetry} holds driver_asymmetry, {@code
 * segments} driver_segments, {@code actions} action_effects.
 */
public record ReportData(String runId, String runDate, String windowStart, String windowEnd,
    Map<String, Row> steps, List<Row> kpis, List<Row> priority, List<Row> models, List<Row> importance,
    List<Row> channelMix, List<Row> trends, List<Row> alerts, List<Row> asymmetry, List<Row> segments,
    List<Row> actions) {

  /** The English name of a step, or its id. */
  public String nameEn(String stepId) {
    Row step = steps.get(stepId);
    return step == null ? stepId : step.getAs("name_en");
  }

  /** The Dutch name of a step, or its id. */
  public String name(String stepId) {
    Row step = steps.get(stepId);
    return step == null ? stepId : step.getAs("name_nl");
  }

  public int level(String stepId) {
    Row step = steps.get(stepId);
    return step == null ? 0 : step.<Integer>getAs("level");
  }
}
