package io.signalchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.cli.SignalchainCli;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.ExitCode;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.OutputTable;
import io.signalchain.publish.RunStatus;
import io.signalchain.report.ReportLoader;
import io.signalchain.testing.CatalogViews;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.PublishedRuns;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.TinyInputs;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during publishing never cost readers the good run: a rerun killed in the middle of
 * writing leaves the previous SUCCEEDED run complete for every reader (the run_log join, the
 * catalog views, the report), and the next run leaves exactly its own rows; two runs of the
 * same date at once end with the later one's rows only, while a run of another date succeeds
 * beside them.
 */
class FaultToleranceTest {
  @TempDir Path dir;

  @Test
  void aRerunKilledWhileWritingLeavesTheGoodRunToReadersAndTheNextRunCleansUp() throws Exception {
    Path out = dir.resolve("out");
    Map<String, String> inputs = TinyInputs.write(dir.resolve("in"));
    SignalchainConfig config = config(out, inputs);
    var good = CliRunner.run(args("run", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString(), inputs));
    assertEquals(ExitCode.SUCCESS, good.code(), good.err());
    String goodRun = PublishedRuns.latestSucceeded(out, TinyInputs.RUN_DATE);

    Process victim = startJobInAnotherJvm(out, TinyInputs.RUN_DATE, inputs);
    // Kill it the moment its first analysis table has committed: some tables written, others not.
    Path rerunsFirstAnalysisCommit = out.resolve("step_kpis/_delta_log/00000000000000000001.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(rerunsFirstAnalysisCommit) && victim.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(victim.isAlive(), "the rerun was still writing when killed");
    victim.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    assertTrue(Files.exists(rerunsFirstAnalysisCommit));
    var runs = CliRunner.table(out, "run_log").collectAsList();
    assertEquals(2, runs.size(), "the good run and the killed one");
    String killedRun = runs.stream().map(r -> r.<String>getAs("run_id")).filter(id -> !id.equals(goodRun)).findFirst()
        .orElseThrow();
    assertEquals(1, CliRunner.table(out, "step_kpis").filter("run_id = '" + killedRun + "'").select("run_id")
        .distinct().count(), "the killed run's rows sit beside the good run's");

    // every reader still sees the good run, complete
    assertEquals(goodRun, PublishedRuns.latestSucceeded(out, TinyInputs.RUN_DATE));
    PublishedRuns.assertInvariant(out, config);
    try (var views = CatalogViews.register(out.toString())) {
      for (OutputTable table : OutputTable.perRun()) {
        assertEquals(PublishedRuns.committedRows(out, table, goodRun),
            SharedSpark.session().sql("select * from signalchain." + table.tableName() + "_latest").count(),
            table.tableName() + "_latest shows the good run");
        assertEquals(0, SharedSpark.session().sql("select * from signalchain." + table.tableName() + "_latest")
            .filter("run_id <> '" + goodRun + "'").count(), table.tableName() + "_latest shows only the good run");
      }
    }
    var report = ReportLoader.load(SharedSpark.session(), new DeltaOutput(out.toString()),
        Optional.of(LocalDate.parse(TinyInputs.RUN_DATE)));
    assertEquals(goodRun, report.runId());
    assertEquals(PublishedRuns.committedRows(out, OutputTable.STEP_PRIORITY, goodRun), report.priority().size());

    var rerun = CliRunner.run(args("run", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString(), inputs));
    assertEquals(ExitCode.SUCCESS, rerun.code(), rerun.err());
    PublishedRuns.assertInvariant(out, config);
    PublishedRuns.assertOnlyLatestRows(out, TinyInputs.RUN_DATE);
    for (OutputTable table : OutputTable.perRun()) {
      assertEquals(0, CliRunner.table(out, table.tableName()).filter("run_id in ('" + goodRun + "', '" + killedRun
          + "')").count(), table.tableName() + ": the good and the killed run's rows are gone");
    }
  }

  /** Three runs at once: two of the same date, and one of another date beside them. */
  @Test
  void twoRunsOfTheSameDateAtOnceEndWithTheLaterStartedRunsRowsOnlyAndAnotherDateRunsBesideThem() {
    Path out = dir.resolve("out");
    SignalchainConfig config = config(out, TinyInputs.write(dir.resolve("in")));
    List<CompletableFuture<List<RunResult>>> runs = new ArrayList<>();
    for (String date : List.of(TinyInputs.RUN_DATE, TinyInputs.RUN_DATE, "2026-10-30")) {
      runs.add(CompletableFuture.supplyAsync(
          () -> new NightlyRun(SharedSpark.session(), config).run(List.of(LocalDate.parse(date)), false, r -> { })));
    }
    awaitAll(runs);
    runs.forEach(r -> assertEquals(RunStatus.SUCCEEDED, r.join().get(0).status()));
    assertEquals(3, CliRunner.table(out, "run_log").filter("status = 'SUCCEEDED'").count());
    PublishedRuns.assertInvariant(out, config);
    PublishedRuns.assertOnlyLatestRows(out, TinyInputs.RUN_DATE);
    PublishedRuns.assertOnlyLatestRows(out, "2026-10-30");
  }

  /** Both runs end before the test asserts (and its folder goes), also when one of them failed. */
  private static void awaitAll(List<? extends CompletableFuture<?>> runs) {
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
  }

  static SignalchainConfig config(Path out, Map<String, String> inputs) {
    Map<String, String> overrides = new LinkedHashMap<>(inputs);
    overrides.put("output.path", out.toString());
    return TestConfigs.defaults(overrides);
  }

  static String[] args(String command, String option, String date, String outOption, String out,
      Map<String, String> inputs) {
    List<String> args = new ArrayList<>(List.of(command, option, date, outOption, out));
    args.addAll(TinyInputs.cliArgs(inputs));
    return args.toArray(String[]::new);
  }

  /** The job as an operator starts it, in its own JVM with this JVM's class path and flags. */
  static Process startJobInAnotherJvm(Path out, String runDate, Map<String, String> inputs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
            || a.startsWith("-Djdk.reflect"))
        .forEach(command::add);
    command.add("-Xmx1g");
    // A minute's life: the JIT's quick tier only, a third less CPU for the same wall time (it shares
    // the machine with the other test JVM).
    command.add("-XX:TieredStopAtLevel=1");
    // Evaluated like the test session: interpreted, faster on tiny inputs.
    SharedSpark.INTERPRETED.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), SignalchainCli.class.getName()));
    command.addAll(List.of("run", "--conf", TestConfigs.defaultConfFile().toString(), "--run-date", runDate,
        "--output", out.toString(), "--master", "local[2]"));
    command.addAll(TinyInputs.cliArgs(inputs));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Files.createTempFile("signalchain-killed-run", ".log").toFile()).start();
  }
}
