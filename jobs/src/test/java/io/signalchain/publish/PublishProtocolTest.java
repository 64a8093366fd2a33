package io.signalchain.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.signalchain.journey.AnalysisWindow;
import io.signalchain.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publishing protocol step by step, with runs interleaved by hand: a run's rows are written
 * beside the date's published run, become the date's rows when its SUCCEEDED row lands, and only
 * then are the older runs' rows removed. Readers follow run_log's latest SUCCEEDED run (by start).
 */
class PublishProtocolTest {
  static final LocalDate DATE = LocalDate.parse("2026-10-31");
  static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
  @TempDir Path dir;
  SparkSession spark;
  DeltaOutput output;

  @BeforeEach
  void output() {
    spark = SharedSpark.session();
    output = new DeltaOutput(dir.resolve("out").toString());
  }

  @Test
  void aRerunIsInvisibleUntilItSucceedsThenReplacesTheOldRun() {
    RunContext good = publish(run("good", 0), 3, 2);
    RunContext rerun = start(run("rerun", 60));
    write(rerun, 5, 1);
    assertEquals("good", readersSee());
    assertEquals(Map.of("good", 3L, "rerun", 5L), rowsByRun(OutputTable.STEP_KPIS));

    succeed(rerun);
    assertEquals("rerun", readersSee());
    assertEquals(Map.of("rerun", 5L), rowsByRun(OutputTable.STEP_KPIS));
    assertEquals(Map.of("rerun", 1L), rowsByRun(OutputTable.REJECTED_RECORDS));
    assertEquals(1, spark.read().format("delta").load(output.path(OutputTable.RUN_LOG))
        .filter("run_id = '" + good.runId() + "'").count(), "run_log keeps one row per run");
  }

  @Test
  void aFailedRerunKeepsTheGoodRunAndItsOwnRejects() {
    publish(run("good", 0), 3, 2);
    RunContext failed = start(run("failed", 60));
    write(failed, 0, 7);
    finish(failed, RunStatus.FAILED);
    assertEquals("good", readersSee());
    assertEquals(Map.of("good", 3L), rowsByRun(OutputTable.STEP_KPIS));
    assertEquals(Map.of("good", 2L, "failed", 7L), rowsByRun(OutputTable.REJECTED_RECORDS));

    publish(run("next", 120), 4, 1);
    assertEquals(Map.of("next", 4L), rowsByRun(OutputTable.STEP_KPIS));
    assertEquals(Map.of("failed", 7L, "next", 1L), rowsByRun(OutputTable.REJECTED_RECORDS),
        "a FAILED run's rejects stay as the evidence of its failure");
  }

  @Test
  void whatAKilledRunLeftIsRemovedByTheNextSuccess() {
    publish(run("good", 0), 3, 2);
    write(start(run("killed", 60)), 6, 2);
    assertEquals("good", readersSee());
    assertEquals(Map.of("good", 3L, "killed", 6L), rowsByRun(OutputTable.STEP_KPIS));

    publish(run("rerun", 120), 4, 1);
    assertEquals(Map.of("rerun", 4L), rowsByRun(OutputTable.STEP_KPIS));
    assertEquals(Map.of("rerun", 1L), rowsByRun(OutputTable.REJECTED_RECORDS));
  }

  @Test
  void theRunThatStartedLastWinsWhicheverFinishesFirst() {
    RunContext early = start(run("early", 0));
    RunContext late = start(run("late", 30));
    write(early, 3, 1);
    write(late, 5, 1);
    succeed(late);
    assertEquals("late", readersSee());
    assertEquals(Map.of("late", 5L), rowsByRun(OutputTable.STEP_KPIS), "the superseded run's rows go");

    succeed(early); // finishes last, but started first: it never hides or removes the later run
    assertEquals("late", readersSee());
    assertEquals(Map.of("late", 5L), rowsByRun(OutputTable.STEP_KPIS));
  }

  @Test
  void aRunThatSucceedsFirstLeavesTheLaterRunStillWritingAlone() {
    RunContext early = start(run("early", 0));
    RunContext late = start(run("late", 30));
    write(early, 3, 1);
    write(late, 5, 1);
    succeed(early);
    assertEquals("early", readersSee());
    assertEquals(Map.of("early", 3L, "late", 5L), rowsByRun(OutputTable.STEP_KPIS),
        "the run still writing keeps its rows");
    succeed(late);
    assertEquals("late", readersSee());
    assertEquals(Map.of("late", 5L), rowsByRun(OutputTable.STEP_KPIS));
  }

  @Test
  void writesGoOnlyToTablesOfTheirMode() {
    RunContext r = run("r", 0);
    var rows = spark.range(1).toDF();
    assertThrows(IllegalArgumentException.class, () -> output.writeRun(OutputTable.JOURNEY_STEPS, rows, r));
    assertThrows(IllegalArgumentException.class, () -> output.replaceTable(OutputTable.STEP_KPIS, rows, r));
  }

  static RunContext run(String id, long secondsAfterT0) {
    return new RunContext(id, DATE, AnalysisWindow.ending(DATE, 90), T0.plusSeconds(secondsAfterT0));
  }

  private RunContext publish(RunContext run, int kpiRows, int rejects) {
    start(run);
    write(run, kpiRows, rejects);
    succeed(run);
    return run;
  }

  private RunContext start(RunContext run) {
    assertEquals(1, output.log(new RunLog(run, null, RunStatus.STARTED, 10, 1, "started"), spark));
    return run;
  }

  private void write(RunContext run, int kpiRows, int rejects) {
    assertEquals(rejects, output.writeRun(OutputTable.REJECTED_RECORDS,
        spark.range(rejects).selectExpr("'contacts' AS source", "'raw' AS record", "'bad' AS reason"), run));
    if (kpiRows > 0) {
      assertEquals(kpiRows, output.writeRun(OutputTable.STEP_KPIS, spark.range(kpiRows).toDF("n"), run));
    }
  }

  private void succeed(RunContext run) {
    finish(run, RunStatus.SUCCEEDED);
    output.removeSupersededRuns(spark, run);
  }

  private void finish(RunContext run, RunStatus status) {
    assertEquals(1, output.log(new RunLog(run, run.startedAt().plusSeconds(10), status, 10, 1, "done"), spark));
  }

  private String readersSee() {
    return RunLog.latestSucceeded(RunLog.runsOf(spark, output, DATE)).orElseThrow().runId();
  }

  private Map<String, Long> rowsByRun(OutputTable table) {
    Map<String, Long> rows = new TreeMap<>();
    for (Row r : spark.read().format("delta").load(output.path(table)).filter("run_date = '" + DATE + "'")
        .groupBy("run_id").count().collectAsList()) {
      rows.put(r.getString(0), r.getLong(1));
    }
    return rows;
  }
}
