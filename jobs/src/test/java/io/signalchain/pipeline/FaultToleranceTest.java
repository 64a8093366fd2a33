package io.signalchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.errors.ExitCode;
import io.signalchain.cli.SignalchainCli;
import io.signalchain.publish.RunStatus;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed in the middle of writing, then rerun, leaves exactly one run's rows per table for
 * its date, and that run SUCCEEDED; two runs for different dates at the same time both succeed.
 */
class FaultToleranceTest {
  static final List<String> RUN_TABLES = List.of("rejected_records", "step_kpis", "driver_models", "driver_importance");
  @TempDir Path dir;

  @Test
  void aRunKilledWhileWritingIsRepairedByTheRerun() throws Exception {
    Path out = dir.resolve("out");
    Process victim = startJobInAnotherJvm(out, "2026-10-31");
    // Kill it the moment the first analysis table has committed: some tables written, others not.
    Path firstAnalysisCommit = out.resolve("step_kpis/_delta_log/00000000000000000000.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(firstAnalysisCommit) && victim.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(victim.isAlive(), "the run was still writing when killed");
    victim.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    assertTrue(Files.exists(firstAnalysisCommit));
    assertTrue(!Files.exists(out.resolve("run_log"))
        || CliRunner.table(out, "run_log").filter("status = 'SUCCEEDED'").count() == 0,
        "the killed run never recorded itself as SUCCEEDED");

    var rerun = CliRunner.run("run", "--run-date", "2026-10-31", "--output", out.toString());
    assertEquals(ExitCode.SUCCESS, rerun.code(), rerun.err());
    assertOneSucceededRunPerTable(out, "2026-10-31");
  }

  @Test
  void runsForDifferentDatesCanRunAtTheSameTime() {
    Path out = dir.resolve("out");
    var spark = SharedSpark.session();
    var config = TestConfigs.defaults(java.util.Map.of("output.path", out.toString()));
    List<CompletableFuture<List<RunResult>>> runs = new ArrayList<>();
    for (String date : List.of("2026-10-30", "2026-10-31")) {
      runs.add(CompletableFuture.supplyAsync(
          () -> new NightlyRun(spark, config).run(List.of(LocalDate.parse(date)), false, r -> { })));
    }
    runs.forEach(r -> assertEquals(RunStatus.SUCCEEDED, r.join().get(0).status()));
    assertOneSucceededRunPerTable(out, "2026-10-30");
    assertOneSucceededRunPerTable(out, "2026-10-31");
    assertEquals(2, CliRunner.table(out, "run_log").count());
  }

  static void assertOneSucceededRunPerTable(Path out, String date) {
    Set<String> succeeded = Set.copyOf(CliRunner.table(out, "run_log").filter("status = 'SUCCEEDED'")
        .filter("run_date = '" + date + "'").select("run_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    for (String table : RUN_TABLES) {
      List<Row> runIds = CliRunner.table(out, table).filter("run_date = '" + date + "'").select("run_id").distinct()
          .collectAsList();
      assertEquals(1, runIds.size(), table + " holds one run's rows for " + date);
      assertTrue(succeeded.contains(runIds.get(0).getString(0)), table + ": its run SUCCEEDED");
    }
  }

  /** The job as an operator starts it, in its own JVM with this JVM's class path and flags. */
  static Process startJobInAnotherJvm(Path out, String runDate) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
            || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"), SignalchainCli.class.getName()));
    Stream.of("run", "--conf", TestConfigs.defaultConfFile().toString(), "--run-date", runDate,
        "--output", out.toString(), "--master", "local[2]").forEach(command::add);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Files.createTempFile("signalchain-killed-run", ".log").toFile()).start();
  }
}
