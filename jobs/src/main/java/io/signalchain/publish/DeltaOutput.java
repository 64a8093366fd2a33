package io.signalchain.publish;

import static org.apache.spark.sql.functions.lit;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes the output tables, one Delta table per output under one folder. Each run's rows are
 * keyed by run_date: rewriting a run replaces exactly that date's rows in one Delta commit
 * (replaceWhere), so readers never see a half-replaced run and other dates stay untouched. Run
 * tables are partitioned by run_date, so runs for different dates never touch the same files
 * and can commit concurrently.
 */
public final class DeltaOutput {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeltaOutput.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final int HISTORY_SEARCHED = 20;
  private final String root;

  public DeltaOutput(String root) {
    this.root = root;
  }

  public String path(String table) {
    return root + "/" + table;
  }

  /** Replaces the run's rows of {@code table} with {@code rows}, prefixed with run_id and run_date. */
  public long replaceRun(String table, Dataset<Row> rows, RunContext run) {
    Dataset<Row> keyed = TableDocs.commented(table, withRunKey(rows, run));
    committed(() -> keyed.write().format("delta").mode(SaveMode.Overwrite)
        .partitionBy("run_date")
        .option("replaceWhere", "run_date = '" + run.runDate() + "'")
        .option("mergeSchema", "true")
        .option("userMetadata", commitTag(run))
        .save(path(table)));
    return rowsCommitted(keyed.sparkSession(), table, run);
  }

  /**
   * The rows the run's latest commit to {@code table} wrote, from the Delta log's operation
   * metrics (no scan of the data). Concurrent runs commit too, hence the search by the run's tag.
   */
  long rowsCommitted(SparkSession spark, String table, RunContext run) {
    Row commit = DeltaTable.forPath(spark, path(table)).history(HISTORY_SEARCHED)
        .filter(functions.col("userMetadata").equalTo(commitTag(run)))
        .orderBy(functions.col("version").desc()).first();
    return Long.parseLong(commit.<String, String>getJavaMap(commit.fieldIndex("operationMetrics"))
        .getOrDefault("numOutputRows", "0"));
  }

  private static String commitTag(RunContext run) {
    return "signalchain run " + run.runId();
  }

  /** Replaces the whole table (for tables that describe the configuration, not a run). */
  public long replaceAll(String table, Dataset<Row> rows, RunContext run) {
    committed(() -> TableDocs.commented(table, rows).write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .option("userMetadata", commitTag(run))
        .save(path(table)));
    return rows.sparkSession().read().format("delta").load(path(table)).count();
  }

  public void append(String table, Dataset<Row> rows, RunContext run) {
    committed(() -> TableDocs.commented(table, rows).write().format("delta").mode(SaveMode.Append)
        .option("mergeSchema", "true")
        .option("userMetadata", commitTag(run))
        .save(path(table)));
  }

  /**
   * Runs a write, retrying when another run committed to the same table at the same moment
   * (runs for different dates may run concurrently). Every write here is idempotent or a blind
   * append whose failed commit added nothing, so a retry is safe.
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
        LOG.warn("concurrent commit to the same table ({}); retrying, attempt {} of {}", e.getClass().getSimpleName(),
            attempt + 1, MAX_ATTEMPTS);
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
