package io.signalchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.signalchain.errors.ExitCode;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.PublishedRuns;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.TinyInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration contract: exit codes, the JSON summary line, the quality gate and backfills. */
class RunContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static JsonNode summary(CliRunner.Result r) throws Exception {
    return JSON.readTree(r.summary());
  }

  /** The command on the tiny inputs (written once per test), with {@code overrides} replacing theirs. */
  private String[] onTinyInputs(Map<String, String> overrides, String... command) {
    Map<String, String> inputs = new LinkedHashMap<>(TinyInputs.write(dir.resolve("in")));
    inputs.putAll(overrides);
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(TinyInputs.cliArgs(inputs));
    return args.toArray(String[]::new);
  }

  private String[] onTinyInputs(String... command) {
    return onTinyInputs(Map.of(), command);
  }

  @Test
  void aMissingInputExitsWithFourAndPublishesNothing() throws Exception {
    var r = CliRunner.run("run", "--output", dir.resolve("out").toString(), "--input",
        "contacts=" + dir.resolve("nope.csv"));
    assertEquals(ExitCode.INPUT_UNREADABLE, r.code(), r.err());
    assertTrue(r.err().contains("Input contacts at " + dir.resolve("nope.csv") + " cannot be read"), r.err());
    assertTrue(r.err().contains("what to do:"), r.err());
    assertEquals(4, summary(r).get("exit_code").asInt());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
  }

  @Test
  void theQualityGateExitsWithThreeAndPublishesNoAnalysis() throws Exception {
    Path out = dir.resolve("out");
    var r = CliRunner.run(onTinyInputs(Map.of("quality.max_reject_share", "0.001"), "run", "--run-date",
        TinyInputs.RUN_DATE, "--output", out.toString()));
    assertEquals(ExitCode.DATA_QUALITY, r.code(), r.err());
    assertTrue(r.err().contains("more than the allowed 0.10% (quality.max_reject_share)"), r.err());
    JsonNode s = summary(r);
    assertEquals("FAILED", s.get("status").asText());
    assertFalse(Files.exists(out.resolve("step_kpis")), "no analysis table published");
    var log = CliRunner.table(out, "run_log").collectAsList();
    assertEquals(1, log.size());
    assertEquals("FAILED", log.get(0).getAs("status"));
    assertTrue(CliRunner.table(out, "rejected_records").count() > 0, "the evidence is kept");
  }

  @Test
  void anEmptyInputExitsWithThree() {
    Path empty = TestConfigs.write(dir.resolve("contacts.csv"),
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n");
    var r = CliRunner.run(onTinyInputs(Map.of("inputs.contacts.path", empty.toString()), "run", "--run-date",
        TinyInputs.RUN_DATE, "--output", dir.resolve("out").toString()));
    assertEquals(ExitCode.DATA_QUALITY, r.code(), r.err());
    assertTrue(r.err().contains("Input contacts at " + empty + " holds no rows"), r.err());
  }

  @Test
  void anUnexpectedFailureExitsWithOneAndOneClearLine() throws Exception {
    Path notAFolder = TestConfigs.write(dir.resolve("occupied"), "a file where the output folder should be");
    var r = CliRunner.run(onTinyInputs("run", "--run-date", TinyInputs.RUN_DATE, "--output", notAFolder.toString()));
    assertEquals(ExitCode.UNEXPECTED, r.code());
    assertTrue(r.err().contains("signalchain: unexpected failure"), r.err());
    assertEquals(1, summary(r).get("exit_code").asInt());
  }

  @Test
  void aTableThatCannotBeWrittenFailsTheRunOnceTheOtherWritesHaveEnded() throws Exception {
    Path out = dir.resolve("out");
    TestConfigs.write(out.resolve("channel_mix"), "a file where the channel_mix table should be");
    var r = CliRunner.run(onTinyInputs("run", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString()));
    assertEquals(ExitCode.UNEXPECTED, r.code(), r.err());
    assertEquals("FAILED", summary(r).get("status").asText());
    List<Row> log = CliRunner.table(out, "run_log").collectAsList();
    assertEquals(1, log.size());
    assertEquals("FAILED", log.get(0).getAs("status"));
    // The tables written beside it ended their writes (one commit each), and readers never see them.
    assertEquals(21, CliRunner.table(out, "step_kpis").count());
    assertEquals(0, CliRunner.table(out, "run_log").filter("status = 'SUCCEEDED'").count());
  }

  @Test
  void validateCountsAndWritesNothing() {
    var r = CliRunner.run(onTinyInputs("validate", "--output", dir.resolve("out").toString()));
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    assertTrue(r.out().matches("(?s).*survey_responses +read +" + TinyInputs.SURVEY_ROWS + "\\b.*"), r.out());
    assertTrue(r.out().contains("× unknown channel 'fax'"), r.out());
    assertFalse(Files.exists(dir.resolve("out")));
    var strict = CliRunner.run(onTinyInputs(Map.of("quality.max_reject_share", "0.001"), "validate"));
    assertEquals(ExitCode.DATA_QUALITY, strict.code());
  }

  @Test
  void aBackfillRunsEachDateOnceUnlessForced() throws Exception {
    String out = dir.resolve("out").toString();
    String[] backfill = onTinyInputs("run", "--from", "2026-10-30", "--to", "2026-10-31", "--output", out);
    var first = CliRunner.run(backfill);
    assertEquals(ExitCode.SUCCESS, first.code(), first.err());
    List<String> json = first.out().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(2, json.size(), "one summary line per date");
    assertEquals("2026-10-30", JSON.readTree(json.get(0)).get("run_date").asText());
    JsonNode last = JSON.readTree(json.get(1));
    assertEquals("SUCCEEDED", last.get("status").asText());
    assertEquals(TinyInputs.SURVEY_ROWS, last.get("rows_read").get("survey_responses").asLong());
    assertEquals(21, last.get("rows_written").get("step_kpis").asLong());

    var again = CliRunner.run(backfill);
    assertEquals(ExitCode.SUCCESS, again.code(), again.err());
    assertTrue(again.out().lines().filter(l -> l.startsWith("{")).allMatch(l -> l.contains("\"SKIPPED\"")),
        again.out());

    var forced = CliRunner.run(onTinyInputs("run", "--from", "2026-10-31", "--to", "2026-10-31", "--force",
        "--output", out));
    assertEquals("SUCCEEDED", summary(forced).get("status").asText());
    assertEquals(3, CliRunner.table(dir.resolve("out"), "run_log").filter("status = 'SUCCEEDED'").count());
    assertEquals(1, CliRunner.table(dir.resolve("out"), "step_kpis").filter("run_date = '2026-10-31'")
        .select("run_id").distinct().count());
  }


  @Test
  void aRerunThatFailsTheQualityGateKeepsTheGoodRunAndItsOwnRejects() throws Exception {
    Path out = dir.resolve("out");
    Map<String, String> inputs = TinyInputs.write(dir.resolve("in"));
    var good = CliRunner.run(onTinyInputs("run", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString()));
    assertEquals(ExitCode.SUCCESS, good.code(), good.err());
    String goodRun = PublishedRuns.latestSucceeded(out, TinyInputs.RUN_DATE);

    var failed = CliRunner.run(onTinyInputs(Map.of("quality.max_reject_share", "0.001"), "run", "--run-date",
        TinyInputs.RUN_DATE, "--output", out.toString()));
    assertEquals(ExitCode.DATA_QUALITY, failed.code(), failed.err());
    String failedRun = CliRunner.table(out, "run_log").filter("status = 'FAILED'").first().getAs("run_id");

    assertEquals(goodRun, PublishedRuns.latestSucceeded(out, TinyInputs.RUN_DATE), "readers still see the good run");
    PublishedRuns.assertInvariant(out, FaultToleranceTest.config(out, inputs));
    // (the shipped configuration's sample outcomes close nothing on the tiny worklist: rejected too, under
    // their own source; the three inputs' broken rows are what this test planted)
    assertEquals(3, CliRunner.table(out, "rejected_records").filter("run_id = '" + goodRun + "'")
        .filter("source in ('survey_responses', 'contacts', 'process_volumes')").count(),
        "the good run's rejects stay: one broken row per input");
    assertEquals(3, CliRunner.table(out, "rejected_records").filter("run_id = '" + failedRun + "'").count(),
        "the failed run's rejects are kept under its own run_id");
    assertEquals(0, CliRunner.table(out, "step_kpis").filter("run_id = '" + failedRun + "'").count());
    assertEquals("FAILED", CliRunner.table(out, "run_log").filter("run_id = '" + failedRun + "'").first()
        .getAs("status"));
  }

  @Test
  void aWindowWithoutSignalsFailsTheGateUnlessAllowed() throws Exception {
    Path out = dir.resolve("out");
    Map<String, String> inputs = TinyInputs.write(dir.resolve("in"));
    // the tiny inputs are dated October 2026: a 90-day window ending 31 March holds none of them
    var empty = CliRunner.run(onTinyInputs("run", "--run-date", "2026-03-31", "--output", out.toString()));
    assertEquals(ExitCode.DATA_QUALITY, empty.code(), empty.err());
    assertTrue(empty.err().contains("The run for 2026-03-31 has nothing to analyse: its window 2026-01-01 to "
        + "2026-03-31 holds no survey responses and no contacts"), empty.err());
    assertTrue(empty.err().contains("--allow-empty"), empty.err());
    assertEquals(3, summary(empty).get("exit_code").asInt());
    assertFalse(Files.exists(out.resolve("step_kpis")), "no analysis published");

    var r = CliRunner.run(onTinyInputs("run", "--run-date", "2026-03-31", "--allow-empty", "--output",
        out.toString()));
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    assertEquals("SUCCEEDED", summary(r).get("status").asText());
    PublishedRuns.assertInvariant(out, FaultToleranceTest.config(out, inputs));
    assertTrue(CliRunner.run("--help").out().contains("--allow-empty"), "the option is in the help");
  }

  @Test
  void aReportOfASucceededRunWhoseRowsAreGoneFailsInsteadOfShowingEmptySections() {
    Path out = dir.resolve("out");
    var good = CliRunner.run(onTinyInputs("run", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString()));
    assertEquals(ExitCode.SUCCESS, good.code(), good.err());
    String runId = PublishedRuns.latestSucceeded(out, TinyInputs.RUN_DATE);
    DeltaTable.forPath(SharedSpark.session(), out.resolve("step_priority").toString())
        .delete("run_id = '" + runId + "'");
    var r = CliRunner.run("report", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString(), "--report-file",
        dir.resolve("report.html").toString());
    assertEquals(ExitCode.INPUT_UNREADABLE, r.code(), r.err());
    assertTrue(r.err().contains("The SUCCEEDED run " + runId + " of " + TinyInputs.RUN_DATE
        + " has no rows in step_priority"), r.err());
    assertFalse(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void latestDataNeverPicksADateAfterToday() {
    Map<String, String> inputs = new LinkedHashMap<>(TinyInputs.write(dir.resolve("in")));
    Path contacts = Path.of(inputs.get("inputs.contacts.path"));
    TestConfigs.write(contacts, readString(contacts) + "C998,K998,2099-12-31T09:00:00,phone,pay,question,r,120,\n");
    inputs.put("analysis.default_run_date", "latest-data");
    inputs.put("quality.max_reject_share", "1");
    NightlyRun run = new NightlyRun(SharedSpark.session(), TestConfigs.defaults(inputs));
    var validated = run.validateInputs();
    try {
      // tiny inputs run up to 2026-10-28; the contact of 2099 never moves the run there
      assertEquals(LocalDate.parse("2026-10-28"), run.defaultRunDate(validated, LocalDate.parse("2026-11-23")));
      assertEquals(LocalDate.parse("2026-10-15"), run.defaultRunDate(validated, LocalDate.parse("2026-10-15")));
      assertEquals(LocalDate.parse("2026-09-29"), run.defaultRunDate(validated, LocalDate.parse("2026-09-30")),
          "no signal up to today: yesterday");
    } finally {
      validated.unpersist();
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void backfillOptionsAreChecked() {
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, CliRunner.run("run", "--from", "2026-10-30").code());
    var r = CliRunner.run("run", "--from", "2026-10-31", "--to", "2026-10-30");
    assertTrue(r.err().contains("--to 2026-10-30 is before --from 2026-10-31"), r.err());
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION,
        CliRunner.run("run", "--run-date", "2026-10-31", "--from", "2026-10-30", "--to", "2026-10-31").code());
  }
}
