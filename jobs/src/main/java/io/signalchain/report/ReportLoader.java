package io.signalchain.report;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.signalchain.errors.Errors;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.RunLog;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the rows of one succeeded run from the output tables (small: they are aggregates). */
public final class ReportLoader {
  private ReportLoader() {}

  /** The latest SUCCEEDED run for {@code runDate}, or the latest succeeded run of all when empty. */
  public static ReportData load(SparkSession spark, DeltaOutput output, Optional<LocalDate> runDate) {
    Dataset<Row> runs = table(spark, output, RunLog.TABLE).filter(col("status").equalTo(RunLog.SUCCEEDED));
    if (runDate.isPresent()) {
      runs = runs.filter(col("run_date").equalTo(java.sql.Date.valueOf(runDate.get())));
    }
    List<Row> latest = runs.orderBy(col("run_date").desc(), col("finished_at").desc()).limit(1).collectAsList();
    if (latest.isEmpty()) {
      throw Errors.noSucceededRun(output.path(RunLog.TABLE), runDate.map(LocalDate::toString).orElse("any date"));
    }
    Row run = latest.get(0);
    String runId = run.getAs("run_id");
    Map<String, Row> steps = new LinkedHashMap<>();
    table(spark, output, "journey_steps").orderBy("journey_position").collectAsList()
        .forEach(r -> steps.put(r.getAs("step_id"), r));
    return new ReportData(runId, run.getAs("run_date").toString(), run.getAs("window_start").toString(),
        run.getAs("window_end").toString(), steps,
        ofRun(spark, output, "step_kpis", runId), ofRun(spark, output, "step_priority", runId),
        ofRun(spark, output, "driver_models", runId), ofRun(spark, output, "driver_importance", runId),
        ofRun(spark, output, "channel_mix", runId));
  }

  private static List<Row> ofRun(SparkSession spark, DeltaOutput output, String table, String runId) {
    if (!DeltaTable.isDeltaTable(spark, output.path(table))) {
      return List.of();
    }
    return table(spark, output, table).filter(col("run_id").equalTo(runId)).collectAsList();
  }

  private static Dataset<Row> table(SparkSession spark, DeltaOutput output, String table) {
    if (!DeltaTable.isDeltaTable(spark, output.path(table))) {
      throw Errors.noSucceededRun(output.path(RunLog.TABLE), "any date");
    }
    return spark.read().format("delta").load(output.path(table));
  }
}
