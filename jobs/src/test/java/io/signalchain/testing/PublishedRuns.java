package io.signalchain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.pipeline.InputCounts;
import io.signalchain.pipeline.RunInputs;
import io.signalchain.pipeline.NightlyRun;
import io.signalchain.publish.OutputTable;
import io.signalchain.publish.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What readers rely on, checked on an output folder after any fault: for every run date, the
 * latest SUCCEEDED run in run_log (the one that started last) has all its rows in every table —
 * as many as its own commit wrote — and its rejected_records account for every input row:
 * accepted + rejected = read, per input.
 */
public final class PublishedRuns {
  private PublishedRuns() {}

  /** The run_id readers see for {@code runDate}: its latest SUCCEEDED run, by start. */
  public static String latestSucceeded(Path out, String runDate) {
    List<Row> runs = CliRunner.table(out, OutputTable.RUN_LOG.tableName())
        .filter("status = '" + RunStatus.SUCCEEDED + "' AND run_date = '" + runDate + "'")
        .orderBy(functions.col("started_at").desc(), functions.col("run_id").desc()).limit(1).collectAsList();
    assertEquals(1, runs.size(), "a SUCCEEDED run of " + runDate);
    return runs.get(0).getAs("run_id");
  }

  /** The invariant, for every run date with a SUCCEEDED run; {@code config} names the inputs the runs read. */
  public static void assertInvariant(Path out, SignalchainConfig config) {
    Map<String, long[]> perInput = readAndAccepted(config);
    List<String> dates = CliRunner.table(out, OutputTable.RUN_LOG.tableName())
        .filter("status = '" + RunStatus.SUCCEEDED + "'").select("run_date").distinct()
        .as(Encoders.DATE()).collectAsList().stream().map(Object::toString).toList();
    assertTrue(!dates.isEmpty(), "run_log has a SUCCEEDED run");
    for (String date : dates) {
      String runId = latestSucceeded(out, date);
      for (OutputTable table : OutputTable.perRun()) {
        long present = CliRunner.table(out, table.tableName()).filter("run_id = '" + runId + "'").count();
        assertEquals(committedRows(out, table, runId), present,
            table.tableName() + " holds every row the latest SUCCEEDED run " + runId + " of " + date + " wrote");
      }
      Dataset<Row> rejected = CliRunner.table(out, OutputTable.REJECTED_RECORDS.tableName())
          .filter("run_id = '" + runId + "'");
      long readTotal = 0;
      long rejectedTotal = 0;
      for (var input : perInput.entrySet()) {
        long read = input.getValue()[0];
        long accepted = input.getValue()[1];
        long rejectedRows = rejected.filter(functions.col("source").equalTo(input.getKey())).count();
        assertEquals(read, accepted + rejectedRows, input.getKey() + ": accepted + rejected = read, run " + runId);
        readTotal += read;
        rejectedTotal += rejectedRows;
      }
      Row log = CliRunner.table(out, OutputTable.RUN_LOG.tableName()).filter("run_id = '" + runId + "'").first();
      assertEquals(readTotal, log.<Long>getAs("rows_read"), "run_log.rows_read of " + runId);
      assertEquals(rejectedTotal, log.<Long>getAs("rows_rejected"), "run_log.rows_rejected of " + runId);
    }
  }

  /**
   * After a run of {@code runDate} succeeded with no other run in flight: every per-run table
   * holds only the latest SUCCEEDED run's rows for the date, apart from the rejected_records of
   * FAILED runs.
   */
  public static void assertOnlyLatestRows(Path out, String runDate) {
    String latest = latestSucceeded(out, runDate);
    Set<String> failed = Set.copyOf(CliRunner.table(out, OutputTable.RUN_LOG.tableName())
        .filter("status = '" + RunStatus.FAILED + "' AND run_date = '" + runDate + "'").select("run_id")
        .as(Encoders.STRING()).collectAsList());
    for (OutputTable table : OutputTable.perRun()) {
      if (!Files.isDirectory(out.resolve(table.tableName()))) {
        continue;
      }
      List<String> others = CliRunner.table(out, table.tableName())
          .filter("run_date = '" + runDate + "' AND run_id <> '" + latest + "'").select("run_id").distinct()
          .as(Encoders.STRING()).collectAsList();
      if (table == OutputTable.REJECTED_RECORDS) {
        assertTrue(failed.containsAll(others), "rejected_records keeps besides " + latest + " only FAILED runs: "
            + others);
      } else {
        assertEquals(List.of(), others, table.tableName() + " holds only the latest run's rows for " + runDate);
      }
    }
  }

  /**
   * The rows the run's own write commit put in {@code table}, from the Delta log; 0 when the run
   * wrote no rows there and Delta made no commit of the empty write.
   */
  public static long committedRows(Path out, OutputTable table, String runId) {
    List<Row> commits = DeltaTable.forPath(SharedSpark.session(), out.resolve(table.tableName()).toString()).history()
        .filter(functions.col("userMetadata").equalTo("signalchain run " + runId))
        .filter(functions.col("operation").equalTo("WRITE")).collectAsList();
    assertTrue(commits.size() <= 1, table.tableName() + ": at most one write commit of run " + runId);
    if (commits.isEmpty()) {
      return 0;
    }
    return Long.parseLong(commits.get(0).<String, String>getJavaMap(commits.get(0).fieldIndex("operationMetrics"))
        .getOrDefault("numOutputRows", "0"));
  }

  /** Per input: rows read and rows accepted, validated afresh from the configured inputs. */
  private static Map<String, long[]> readAndAccepted(SignalchainConfig config) {
    RunInputs inputs = new NightlyRun(SharedSpark.session(), config).validateInputs();
    try {
      Map<String, long[]> counts = new LinkedHashMap<>();
      for (InputCounts c : NightlyRun.countRows(inputs)) {
        counts.put(c.source(), new long[] {c.read(), c.accepted()});
      }
      return counts;
    } finally {
      inputs.unpersist();
    }
  }
}
