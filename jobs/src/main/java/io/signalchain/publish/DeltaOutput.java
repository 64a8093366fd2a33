package io.signalchain.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.xxhash64;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * Writes the output tables, one Delta table per {@link OutputTable} under one folder.
 *
 * <p>Publishing a run never touches the rows readers use: a run's rows are written beside the
 * older runs' rows of its run_date, keyed by run_id (one replaceWhere commit per table, so a
 * retried write replaces only the run's own rows); they become the date's rows when the run's
 * SUCCEEDED row lands in run_log; only then does {@link #removeSupersededRuns} delete the rows
 * of the date's older runs. Run tables are partitioned by run_date, so runs for different dates
 * never touch the same files.
 */
public final class DeltaOutput {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaOutput.class);
  private static final int MAX_ATTEMPTS = 10;
  private static final int HISTORY_SEARCHED = 50;
  private static final String CURRENT_HASH = "_current_hash";
  /** A history table's property: the columns Delta keeps file statistics on. */
  private static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";
  private static final String COMMIT_USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  /** Held while the session carries one run's commit tag. */
  private static final Object SESSION_TAG = new Object();
  private final String root;

  public DeltaOutput(String root) {
    this.root = root;
  }

  public String path(OutputTable table) {
    return root + "/" + table.tableName();
  }

  /**
   * Writes the run's rows of a per-run {@code table}, prefixed with run_id and run_date, beside
   * the rows of the date's other runs. Returns the rows written (from the commit's metrics).
   */
  public long writeRun(OutputTable table, Dataset<Row> rows, RunContext run) {
    requireMode(table, OutputTable.WriteMode.PER_RUN);
    Dataset<Row> keyed = TableDocs.commented(table, withRunKey(rows, run));
    committed(() -> keyed.write().format("delta").mode(SaveMode.Overwrite)
        .partitionBy("run_date")
        .option("replaceWhere", "run_date = '" + run.runDate() + "' AND run_id = " + quoted(run.runId()))
        .option("mergeSchema", "true")
        .option("userMetadata", commitTag(run))
        .save(path(table)));
    return rowsCommitted(keyed.sparkSession(), table, run);
  }

  /** Replaces the whole table (for tables that describe the configuration, not a run). */
  public long replaceTable(OutputTable table, Dataset<Row> rows, RunContext run) {
    requireMode(table, OutputTable.WriteMode.REPLACE_TABLE);
    committed(() -> TableDocs.commented(table, rows).write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .option("userMetadata", commitTag(run))
        .save(path(table)));
    return rowsCommitted(rows.sparkSession(), table, run);
  }

  /** What a merge into a history table did: rows inserted (new keys) and rows updated (changed content). */
  public record Merged(long inserted, long updated) {}

  /**
   * How a history table is kept: rows identified by {@code key}, their content by
   * {@code hashColumn}, computed from a row's other columns by {@code hash}; the table clustered
   * by {@code clusteredBy}, and each row dated by the timestamp {@code timeColumn} (a corrected
   * row may move to another day).
   */
  public record History(List<String> key, String hashColumn, Column hash, String clusteredBy, String timeColumn) {}

  /**
   * Merges {@code rows} into the history {@code table}: a row whose key is new is inserted, one
   * whose hash differs replaces the row of its key, and the others are left alone; all in one
   * commit, and no commit at all when nothing changed (a rerun adds no version and no file). The
   * first merge creates the table, clustered (Delta liquid clustering), and writes its rows
   * ordered by the clustering column ({@link PrefixOrder}).
   *
   * <p>What a night costs: a fingerprint per day of the rows and of the table (their count and
   * the XOR of a 64-bit hash of key and content: two narrow scans, aggregated to one row per
   * day) shows which days differ — after a night of new signals, that one day. Only the rows of
   * those days are joined with the table's to find the new and changed ones; only those go into
   * the MERGE, which then rewrites just the files holding a changed row and adds the new rows in
   * new files.
   */
  public Merged mergeHistory(OutputTable table, Dataset<Row> rows, History history, RunContext run) {
    requireMode(table, OutputTable.WriteMode.MERGE);
    SparkSession spark = rows.sparkSession();
    String path = path(table);
    Dataset<Row> source = TableDocs.commented(table, rows);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      // File statistics on the columns a reader narrows by only: on every column they were a
      // quarter of writing a first night's rows (strings' minimum and maximum, row by row).
      DeltaTable.createIfNotExists(spark).location(path).addColumns(source.schema())
          .clusterBy(history.clusteredBy())
          .property(STATS_COLUMNS, history.clusteredBy() + "," + history.timeColumn()).execute();
      // The first night: every row is new. Key-ordered files make lookups by customer skip most
      // files. The ranges are sampled from the rows without their hash, computed once, after.
      Dataset<Row> ordered = TableDocs.commented(table, rows.drop(history.hashColumn())
          .repartitionByRange(col(history.clusteredBy()))
          .sortWithinPartitions(PrefixOrder.of(col(history.clusteredBy())))
          .withColumn(history.hashColumn(), history.hash())
          .select(Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new)));
      committed(() -> ordered.write().format("delta").mode(SaveMode.Append).option("userMetadata", commitTag(run))
          .save(path));
      return new Merged(rowsCommitted(spark, table, run), 0);
    }
    Dataset<Row> target = DeltaTable.forPath(spark, path).toDF();
    List<Date> days = differingDays(source, target, history);
    if (days.isEmpty()) {
      return new Merged(0, 0);
    }
    Column onThoseDays = to_date(col(history.timeColumn())).isin(days.toArray());
    Dataset<Row> current = target.filter(onThoseDays).select(Stream.concat(history.key().stream().map(functions::col),
        Stream.of(col(history.hashColumn()).as(CURRENT_HASH))).toArray(Column[]::new));
    // Computed once, here; the MERGE then plans over these few rows, not over the rows' lineage
    // (the inputs' validation: a plan so large that Delta's repeated analysis of it took minutes).
    Dataset<Row> changed = source.filter(onThoseDays)
        .join(current, JavaConverters.asScalaBuffer(history.key()).toSeq(), "left")
        .filter(col(CURRENT_HASH).isNull().or(col(CURRENT_HASH).notEqual(col(history.hashColumn()))))
        .drop(CURRENT_HASH).localCheckpoint();
    if (changed.isEmpty()) {
      return new Merged(0, 0);
    }
    // By key alone: a corrected row that moved from a day not compared is found there and replaced.
    String matches = history.key().stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    // DeltaTable's merge takes no writer options: the run's tag goes in through the session
    // (never locked itself: Spark's own threads lock the session).
    synchronized (SESSION_TAG) {
      spark.conf().set(COMMIT_USER_METADATA, commitTag(run));
      try {
        committed(() -> DeltaTable.forPath(spark, path).as("t").merge(changed.as("s"), matches)
            .whenMatched("t." + history.hashColumn() + " <> s." + history.hashColumn()).updateAll()
            .whenNotMatched().insertAll()
            .execute());
      } finally {
        spark.conf().unset(COMMIT_USER_METADATA);
      }
    }
    Map<String, String> metrics = commitMetrics(spark, table, run);
    return new Merged(Long.parseLong(metrics.getOrDefault("numTargetRowsInserted", "0")),
        Long.parseLong(metrics.getOrDefault("numTargetRowsUpdated", "0")));
  }

  /** The days on which {@code source} has rows that {@code target} lacks or holds with other content. */
  private static List<Date> differingDays(Dataset<Row> source, Dataset<Row> target, History history) {
    Dataset<Row> theirs = fingerprints(target, history).withColumnRenamed("n", "target_n")
        .withColumnRenamed("x", "target_x");
    return fingerprints(source, history).join(theirs, "day", "left")
        .filter(col("target_n").isNull().or(col("n").notEqual(col("target_n"))).or(col("x").notEqual(col("target_x"))))
        .select("day").collectAsList().stream().map(r -> r.getDate(0)).sorted().toList();
  }

  /** Per day: the rows and the XOR of each row's 64-bit hash of its key and content hash. */
  private static Dataset<Row> fingerprints(Dataset<Row> rows, History history) {
    Column[] printed = Stream.concat(history.key().stream(), Stream.of(history.hashColumn()))
        .map(functions::col).toArray(Column[]::new);
    return rows.groupBy(to_date(col(history.timeColumn())).as("day"))
        .agg(count(lit(1)).as("n"), bit_xor(xxhash64(printed)).as("x"));
  }

  /**
   * Writes the run's row of run_log: the STARTED row is appended, the outcome replaces it in one
   * commit (so run_log keeps one row per run). Returns the rows written (1).
   */
  public long log(RunLog entry, SparkSession spark) {
    RunContext run = entry.run();
    Dataset<Row> row = TableDocs.commented(RunLog.TABLE, entry.toRow(spark));
    committed(() -> {
      var writer = row.write().format("delta").option("mergeSchema", "true").option("userMetadata", commitTag(run));
      if (entry.status() == RunStatus.STARTED) {
        writer.mode(SaveMode.Append).save(path(RunLog.TABLE));
      } else {
        writer.mode(SaveMode.Overwrite).option("replaceWhere", "run_id = " + quoted(run.runId()))
            .save(path(RunLog.TABLE));
      }
    });
    return rowsCommitted(spark, RunLog.TABLE, run);
  }

  /**
   * Deletes the rows of every run of {@code run}'s date that started before the date's latest
   * SUCCEEDED run (by run_log): older succeeded runs, failed runs and what killed runs left. Kept:
   * the latest SUCCEEDED run, runs that started after it (still writing, or failed later), and
   * the rejected_records of FAILED runs (the evidence of why they failed). Returns the runs whose
   * rows were removed.
   */
  public List<String> removeSupersededRuns(SparkSession spark, RunContext run) {
    List<RunLog.LoggedRun> runs = RunLog.runsOf(spark, this, run.runDate());
    var latest = RunLog.latestSucceeded(runs);
    if (latest.isEmpty()) {
      return List.of();
    }
    List<RunLog.LoggedRun> superseded = runs.stream()
        .filter(r -> RunLog.LoggedRun.BY_START.compare(r, latest.get()) < 0).toList();
    List<String> failed = superseded.stream().filter(r -> r.status() == RunStatus.FAILED)
        .map(RunLog.LoggedRun::runId).toList();
    List<String> all = superseded.stream().map(RunLog.LoggedRun::runId).toList();
    for (OutputTable table : OutputTable.perRun()) {
      List<String> removed = table == OutputTable.REJECTED_RECORDS
          ? all.stream().filter(id -> !failed.contains(id)).toList() : all;
      if (removed.isEmpty() || !DeltaTable.isDeltaTable(spark, path(table))) {
        continue;
      }
      String condition = "run_date = '" + run.runDate() + "' AND run_id IN ("
          + removed.stream().map(DeltaOutput::quoted).collect(Collectors.joining(", ")) + ")";
      committed(() -> DeltaTable.forPath(spark, path(table)).delete(condition));
    }
    return all;
  }

  /**
   * The rows the run's latest commit to {@code table} wrote, from the Delta log's operation
   * metrics (no scan of the data). Concurrent runs commit too, hence the search by the run's tag.
   * A write of no rows that Delta did not commit wrote 0 rows.
   */
  long rowsCommitted(SparkSession spark, OutputTable table, RunContext run) {
    return Long.parseLong(commitMetrics(spark, table, run).getOrDefault("numOutputRows", "0"));
  }

  /** The operation metrics of the run's latest commit to {@code table}; empty if it made none. */
  private Map<String, String> commitMetrics(SparkSession spark, OutputTable table, RunContext run) {
    return CommitLog.metricsOfLatest(spark, path(table), commitTag(run), HISTORY_SEARCHED);
  }

  /** The tag of every commit a run makes (Delta's userMetadata): DESCRIBE HISTORY shows which run wrote what. */
  public static String commitTag(RunContext run) {
    return "signalchain run " + run.runId();
  }

  private static void requireMode(OutputTable table, OutputTable.WriteMode mode) {
    if (table.writeMode() != mode) {
      throw new IllegalArgumentException(table + " is written " + table.writeMode() + ", not " + mode);
    }
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Runs a write, retrying when another run committed to the same table at the same moment
   * (runs may run concurrently). Every write here replaces or deletes exactly one run's rows, or
   * is a blind append whose failed commit added nothing, so a retry is safe.
   */
  static void committed(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
        LOG.warn(String.format(Locale.ROOT, "concurrent commit to the same table (%s); retrying, attempt %d of %d",
            e.getClass().getSimpleName(), attempt + 1, MAX_ATTEMPTS));
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(50, 200L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static Dataset<Row> withRunKey(Dataset<Row> rows, RunContext run) {
    List<Column> columns = new ArrayList<>();
    columns.add(lit(run.runId()).as("run_id"));
    columns.add(lit(run.runDate().toString()).cast("date").as("run_date"));
    Arrays.stream(rows.columns()).map(rows::col).forEach(columns::add);
    return rows.select(columns.toArray(Column[]::new));
  }
}
