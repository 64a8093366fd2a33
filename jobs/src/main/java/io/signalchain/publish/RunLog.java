package io.signalchain.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One row of the run_log table: how a run ended. */
public record RunLog(RunContext run, Instant finishedAt, String status, long rowsRead, long rowsRejected,
    String message) {
  public static final String TABLE = "run_log";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("run_date", DataTypes.DateType, false)
      .add("started_at", DataTypes.TimestampType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("status", DataTypes.StringType, false)
      .add("rows_read", DataTypes.LongType, false)
      .add("rows_rejected", DataTypes.LongType, false)
      .add("window_start", DataTypes.DateType, false)
      .add("window_end", DataTypes.DateType, false)
      .add("message", DataTypes.StringType, true);

  public Dataset<Row> toRow(SparkSession spark) {
    Row row = RowFactory.create(run.runId(), java.sql.Date.valueOf(run.runDate()), Timestamp.from(run.startedAt()),
        Timestamp.from(finishedAt), status, rowsRead, rowsRejected, java.sql.Date.valueOf(run.window().first()),
        java.sql.Date.valueOf(run.window().last()), message);
    return spark.createDataFrame(List.of(row), SCHEMA);
  }

  /** The run dates that have a SUCCEEDED run in the run_log table (none if there is no table yet). */
  public static java.util.Set<java.time.LocalDate> succeededDates(SparkSession spark, DeltaOutput output) {
    String path = output.path(TABLE);
    if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
      return java.util.Set.of();
    }
    return spark.read().format("delta").load(path).filter("status = '" + SUCCEEDED + "'")
        .select("run_date").distinct().collectAsList().stream()
        .map(r -> r.getDate(0).toLocalDate()).collect(java.util.stream.Collectors.toSet());
  }
}
