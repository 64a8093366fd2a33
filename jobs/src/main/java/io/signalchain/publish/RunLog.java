package io.signalchain.publish;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the run_log table: where a run stands. A run appends its STARTED row before it
 * writes anything and replaces it with SUCCEEDED or FAILED when it ends; {@code finishedAt} is
 * null while it is STARTED.
 */
public record RunLog(RunContext run, Instant finishedAt, RunStatus status, long rowsRead, long rowsRejected,
    String message) {
  public static final OutputTable TABLE = OutputTable.RUN_LOG;

  static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("run_date", DataTypes.DateType, false)
      .add("started_at", DataTypes.TimestampType, false)
      .add("finished_at", DataTypes.TimestampType, true)
      .add("status", DataTypes.StringType, false)
      .add("rows_read", DataTypes.LongType, false)
      .add("rows_rejected", DataTypes.LongType, false)
      .add("window_start", DataTypes.DateType, false)
      .add("window_end", DataTypes.DateType, false)
      .add("message", DataTypes.StringType, true);

  public Dataset<Row> toRow(SparkSession spark) {
    Row row = RowFactory.create(run.runId(), Date.valueOf(run.runDate()), Timestamp.from(run.startedAt()),
        finishedAt == null ? null : Timestamp.from(finishedAt), status.name(), rowsRead, rowsRejected,
        Date.valueOf(run.window().first()), Date.valueOf(run.window().last()), message);
    return spark.createDataFrame(List.of(row), SCHEMA);
  }

  /** A run as run_log has it: enough to order a date's runs and decide whose rows stay. */
  public record LoggedRun(String runId, LocalDate runDate, Instant startedAt, RunStatus status) {
    /** Later runs sort last: by start, then by id (two runs never share both). */
    public static final Comparator<LoggedRun> BY_START =
        Comparator.comparing(LoggedRun::startedAt).thenComparing(LoggedRun::runId);
  }

  /**
   * Every run in run_log, by start (none if there is no table yet): one row per run, collected
   * whole, since a read of the table costs the same for one date as for all.
   */
  static List<LoggedRun> runs(SparkSession spark, DeltaOutput output) {
    String path = output.path(TABLE);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    return spark.read().format("delta").load(path).select("run_id", "run_date", "started_at", "status")
        .collectAsList().stream()
        .map(r -> new LoggedRun(r.getString(0), r.getDate(1).toLocalDate(), r.getTimestamp(2).toInstant(),
            RunStatus.valueOf(r.getString(3))))
        .sorted(LoggedRun.BY_START).toList();
  }

  /** Every run of {@code runDate} in run_log, by start. */
  public static List<LoggedRun> runsOf(SparkSession spark, DeltaOutput output, LocalDate runDate) {
    return runs(spark, output).stream().filter(r -> r.runDate().equals(runDate)).toList();
  }

  /**
   * The run whose rows are the date's rows: the SUCCEEDED run that started last. Readers follow
   * the same rule (jobs/sql/register_tables.sql, the report).
   */
  public static Optional<LoggedRun> latestSucceeded(List<LoggedRun> runs) {
    return runs.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).max(LoggedRun.BY_START);
  }

  /**
   * The run whose rows are the rows of the last date before {@code runDate} that has a SUCCEEDED
   * run (empty if there is none): what a run carries forward from the night before.
   */
  public static Optional<String> latestSucceededBefore(SparkSession spark, DeltaOutput output, LocalDate runDate) {
    return runs(spark, output).stream()
        .filter(r -> r.status() == RunStatus.SUCCEEDED && r.runDate().isBefore(runDate))
        .max(Comparator.comparing(LoggedRun::runDate).thenComparing(LoggedRun.BY_START)).map(LoggedRun::runId);
  }

  /** The run dates that have a SUCCEEDED run in the run_log table (none if there is no table yet). */
  public static Set<LocalDate> succeededDates(SparkSession spark, DeltaOutput output) {
    return runs(spark, output).stream().filter(r -> r.status() == RunStatus.SUCCEEDED).map(LoggedRun::runDate)
        .collect(Collectors.toSet());
  }
}
