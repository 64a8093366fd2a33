package io.signalchain.report;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.signalchain.errors.Errors;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.OutputTable;
import io.signalchain.publish.RunLog;
import io.signalchain.publish.RunStatus;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the rows of one succeeded run from the output tables (small: they are aggregates), by the
 * rule every reader follows: a date's rows are those of its latest SUCCEEDED run in run_log (the
 * one that started last), selected by run_id.
 */
public final class ReportLoader {
  /** Tables every succeeded run fills (a row per journey step): empty means the run's rows are gone. */
  static final List<OutputTable> ALWAYS_FILLED =
      List.of(OutputTable.STEP_KPIS, OutputTable.STEP_PRIORITY, OutputTable.DRIVER_MODELS);

  private ReportLoader() {}

  /** The latest SUCCEEDED run for {@code runDate}, or that of the most recent date when empty. */
  public static ReportData load(SparkSession spark, DeltaOutput output, Optional<LocalDate> runDate) {
    Dataset<Row> runs = table(spark, output, RunLog.TABLE).filter(col("status").equalTo(RunStatus.SUCCEEDED.name()));
    if (runDate.isPresent()) {
      runs = runs.filter(col("run_date").equalTo(Date.valueOf(runDate.get())));
    }
    List<Row> latest = runs.orderBy(col("run_date").desc(), col("started_at").desc(), col("run_id").desc())
        .limit(1).collectAsList();
    if (latest.isEmpty()) {
      throw Errors.noSucceededRun(output.path(RunLog.TABLE), runDate.map(LocalDate::toString).orElse("any date"));
    }
    Row run = latest.get(0);
    String runId = run.getAs("run_id");
    String date = run.getAs("run_date").toString();
    Map<OutputTable, List<Row>> rows = new LinkedHashMap<>();
    for (OutputTable table : List.of(OutputTable.STEP_KPIS, OutputTable.STEP_PRIORITY, OutputTable.DRIVER_MODELS,
        OutputTable.DRIVER_IMPORTANCE, OutputTable.CHANNEL_MIX, OutputTable.KPI_TRENDS, OutputTable.KPI_ALERTS,
        OutputTable.DRIVER_ASYMMETRY, OutputTable.DRIVER_SEGMENTS, OutputTable.ACTION_EFFECTS,
        OutputTable.TEAM_SCORECARDS)) {
      rows.put(table, ofRun(spark, output, table, runId));
      if (ALWAYS_FILLED.contains(table) && rows.get(table).isEmpty()) {
        throw Errors.runIncomplete(runId, date, table.tableName());
      }
    }
    Map<String, Row> steps = new LinkedHashMap<>();
    table(spark, output, OutputTable.JOURNEY_STEPS).orderBy("journey_position").collectAsList()
        .forEach(r -> steps.put(r.getAs("step_id"), r));
    return new ReportData(runId, date, run.getAs("window_start").toString(), run.getAs("window_end").toString(),
        steps, rows.get(OutputTable.STEP_KPIS), rows.get(OutputTable.STEP_PRIORITY),
        rows.get(OutputTable.DRIVER_MODELS), rows.get(OutputTable.DRIVER_IMPORTANCE),
        rows.get(OutputTable.CHANNEL_MIX), rows.get(OutputTable.KPI_TRENDS),
        rows.get(OutputTable.KPI_ALERTS).stream().filter(r -> Boolean.TRUE.equals(r.getAs("alert"))).toList(),
        rows.get(OutputTable.DRIVER_ASYMMETRY), rows.get(OutputTable.DRIVER_SEGMENTS),
        rows.get(OutputTable.ACTION_EFFECTS), rows.get(OutputTable.TEAM_SCORECARDS), null);
  }

  private static List<Row> ofRun(SparkSession spark, DeltaOutput output, OutputTable table, String runId) {
    if (!DeltaTable.isDeltaTable(spark, output.path(table))) {
      return List.of();
    }
    return table(spark, output, table).filter(col("run_id").equalTo(runId)).collectAsList();
  }

  private static Dataset<Row> table(SparkSession spark, DeltaOutput output, OutputTable table) {
    if (!DeltaTable.isDeltaTable(spark, output.path(table))) {
      throw Errors.noSucceededRun(output.path(RunLog.TABLE), "any date");
    }
    return spark.read().format("delta").load(output.path(table));
  }
}
