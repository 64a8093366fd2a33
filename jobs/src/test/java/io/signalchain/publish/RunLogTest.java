package io.signalchain.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalchain.journey.AnalysisWindow;
import io.signalchain.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run reads from run_log: a date's runs, whose rows a night carries forward, which dates are done. */
class RunLogTest {
  private static final LocalDate OCT_29 = LocalDate.parse("2026-10-29");
  private static final LocalDate OCT_30 = LocalDate.parse("2026-10-30");
  private static final LocalDate OCT_31 = LocalDate.parse("2026-10-31");

  @TempDir Path dir;

  @Test
  void theRunCarriedForwardIsTheLatestSucceededRunOfTheLastEarlierDateThatHasOne() {
    SparkSession spark = SharedSpark.session();
    DeltaOutput output = new DeltaOutput(dir.toString());
    assertEquals(List.of(), RunLog.runsOf(spark, output, OCT_29), "no table yet");
    assertEquals(Optional.empty(), RunLog.latestSucceededBefore(spark, output, OCT_31));

    // Logged out of start order: the later start of 29 October wins whatever was logged first.
    logged(output, "b", OCT_29, 2, RunStatus.SUCCEEDED);
    logged(output, "a", OCT_29, 1, RunStatus.SUCCEEDED);
    logged(output, "c", OCT_29, 3, RunStatus.FAILED);
    logged(output, "d", OCT_30, 4, RunStatus.FAILED);
    logged(output, "e", OCT_31, 5, RunStatus.SUCCEEDED);
    logged(output, "f", OCT_31, 6, RunStatus.STARTED);

    assertEquals(List.of("a", "b", "c"), RunLog.runsOf(spark, output, OCT_29).stream()
        .map(RunLog.LoggedRun::runId).toList(), "by start");
    // 30 October has no SUCCEEDED run: the night of the 31st carries the 29th's forward.
    assertEquals(Optional.of("b"), RunLog.latestSucceededBefore(spark, output, OCT_31));
    assertEquals(Optional.of("b"), RunLog.latestSucceededBefore(spark, output, OCT_30));
    assertEquals(Optional.empty(), RunLog.latestSucceededBefore(spark, output, OCT_29), "only earlier dates");
    assertEquals(Optional.of("e"), RunLog.latestSucceededBefore(spark, output, OCT_31.plusDays(5)));
    assertEquals(Set.of(OCT_29, OCT_31), RunLog.succeededDates(spark, output));
  }

  /** A run's STARTED row, then its outcome, as a run logs them. */
  private static void logged(DeltaOutput output, String runId, LocalDate date, int startedMinute, RunStatus status) {
    RunContext run = new RunContext(runId, date, AnalysisWindow.ending(date, 90),
        Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * startedMinute));
    output.log(new RunLog(run, null, RunStatus.STARTED, 10, 0, "started"), SharedSpark.session());
    if (status != RunStatus.STARTED) {
      output.log(new RunLog(run, run.startedAt().plusSeconds(30), status, 10, 0, status.name()),
          SharedSpark.session());
    }
  }
}
