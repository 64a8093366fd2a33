package io.signalchain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.errors.ExitCode;
import io.signalchain.generate.PlantedEffects;
import io.signalchain.publish.OutputTable;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.PublishedRuns;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.TinyInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job as a user runs it: the CLI on data-samples/ with the default configuration,
 * into a temporary output folder (the shared {@link SampleRun}); every Delta table read back.
 * Reruns and other dates run on {@link TinyInputs}: they test the publishing, not the figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyRunEndToEndTest {
  static final List<String> TABLES = OutputTable.names();
  static final String RUN_DATE = SampleRun.RUN_DATE;
  @TempDir static Path tiny;

  static Dataset<Row> table(String name) {
    return CliRunner.table(SampleRun.output(), name);
  }

  static Map<String, Long> rowCounts(Path output) {
    Map<String, Long> counts = new LinkedHashMap<>();
    TABLES.forEach(t -> counts.put(t, CliRunner.table(output, t).count()));
    return counts;
  }

  static CliRunner.Result runOnTinyInputs(String runDate) {
    List<String> args = new ArrayList<>(List.of("run", "--run-date", runDate, "--output",
        tiny.resolve("delta").toString()));
    args.addAll(TinyInputs.cliArgs(TinyInputs.write(tiny.resolve("in"))));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void runOnTheSamplesWritesEveryTable() throws Exception {
    Path output = SampleRun.output();
    var cli = SampleRun.result();
    assertEquals(ExitCode.SUCCESS, cli.code(), cli.err());
    for (String t : TABLES) {
      assertTrue(Files.isDirectory(output.resolve(t).resolve("_delta_log")), t + " is a Delta table");
      assertTrue(table(t).count() > 0, t + " has rows");
      assertTrue(cli.out().contains(output.resolve(t).toString()), "the console says where " + t + " is:\n"
          + cli.out());
    }
    assertEquals(21, table("journey_steps").count(), "20 configured steps and 'unclassified'");
    assertEquals(21, table("step_kpis").count());
    Row log = table("run_log").first();
    assertEquals("SUCCEEDED", log.getString(log.fieldIndex("status")));
    assertEquals(Date.valueOf(RUN_DATE), log.getDate(log.fieldIndex("run_date")));

    // the shipped configuration also writes the HTML report, and says where
    Path report = output.getParent().resolve("reports/signalchain-" + RUN_DATE + ".html");
    assertTrue(Files.size(report) > 10_000, "the report is written");
    assertTrue(cli.summary().contains("\"report\":\"file:" + report + "\""), cli.summary());
    // and with output.report_per_team one report per team beside it, each said
    List<String> teams = List.of("billing", "collections", "customer_service", "field_service", "onboarding",
        "product", "retention");
    for (String team : teams) {
      Path teamReport = output.getParent().resolve("reports/signalchain-" + RUN_DATE + "-team-" + team + ".html");
      assertTrue(Files.readString(teamReport).contains("Alleen de stappen van team " + team + "."), team);
      assertTrue(cli.out().contains("Team report: file:" + teamReport + "\n"), cli.out());
    }
    assertEquals(1 + teams.size(), output.getParent().resolve("reports").toFile().list().length,
        "nothing else beside them");
    // team_scorecards: a row per owned step (all 20) and one per team
    assertEquals(20 + teams.size(), table("team_scorecards").count());

    // accepted + rejected = read, over all inputs
    long rejected = table("rejected_records").count();
    assertEquals(log.getLong(log.fieldIndex("rows_rejected")), rejected);
    assertTrue(rejected > 0, "the samples hold broken rows");
    assertEquals(0, table("rejected_records").filter("reason is null or record is null or source is null").count());

    // the parent is analysed over its sub-steps
    Row parent = table("step_kpis").filter("step_id = 'become_customer'").first();
    long children = table("step_kpis").filter("step_id like 'become_customer.%'")
        .agg(org.apache.spark.sql.functions.sum("responses")).first().getLong(0);
    assertTrue(parent.getLong(parent.fieldIndex("responses")) >= children);
    assertTrue(children > 0);
  }

  @Test
  @Order(2)
  void customerIdsAreOnlyInTheCustomerTimeline() throws IOException {
    Dataset<Row> inputs = SharedSpark.session().read().option("header", "true")
        .csv(TestConfigs.repositoryRoot().resolve("data-samples/contacts.csv").toString()).select("customer_id")
        .union(SharedSpark.session().read().option("header", "true")
            .csv(TestConfigs.repositoryRoot().resolve("data-samples/survey_responses.csv").toString())
            .select("customer_id"));
    Set<String> ids = Set.copyOf(inputs.na().drop().distinct().as(Encoders.STRING()).collectAsList());
    assertTrue(ids.size() > 1000, "the samples have customers");
    Dataset<Row> timeline = table(OutputTable.CUSTOMER_TIMELINE.tableName());
    assertEquals(0, timeline.filter("customer_id is null").count(), "signals without a customer are not in it");
    assertTrue(ids.containsAll(timeline.select("customer_id").distinct().as(Encoders.STRING()).collectAsList()));
    assertEquals(timeline.count(), timeline.select("signal_type", "signal_id").distinct().count(), "one row a signal");

    // every other table but follow_ups (the worklist: whom to call) and rejected_records (the raw
    // rows, the evidence of a rejection), and the HTML report
    for (OutputTable t : OutputTable.values()) {
      if (Set.of(OutputTable.CUSTOMER_TIMELINE, OutputTable.FOLLOW_UPS, OutputTable.REJECTED_RECORDS).contains(t)) {
        continue;
      }
      List<String> rows = table(t.tableName()).toJSON().collectAsList();
      assertEquals(List.of(), idsIn(rows, ids), t.tableName() + " holds no customer id");
    }
    String report = Files.readString(SampleRun.output().getParent().resolve("reports/signalchain-" + RUN_DATE
        + ".html"));
    assertEquals(List.of(), idsIn(List.of(report), ids), "the report holds no customer id");
  }

  /** The words (letters, digits, _ and -) of the texts that are customer ids. */
  private static List<String> idsIn(List<String> texts, Set<String> ids) {
    return texts.stream().flatMap(text -> Arrays.stream(text.split("[^A-Za-z0-9_-]+"))).filter(ids::contains)
        .distinct().limit(5).toList();
  }

  @Test
  @Order(2)
  void theDriverAnalysisRecoversThePlantedDrivers() {
    Dataset<Row> models = table("driver_models");
    assertEquals(20, models.count(), "a model row per journey step");
    for (String step : PlantedEffects.STEPS.keySet()) {
      Row model = models.filter("step_id = '" + step + "'").first();
      assertEquals("OK", model.getString(model.fieldIndex("status")), step + ": " + model);
      List<String> expected = PlantedEffects.expectedDriverOrder(step).subList(0, 3);
      List<String> actual = table("driver_importance").filter("step_id = '" + step + "' and importance_rank <= 3")
          .orderBy("importance_rank").select("driver").as(Encoders.STRING()).collectAsList();
      assertEquals(expected, actual, step + ": the three most important drivers, in planted order");
    }
  }

  @Test
  @Order(2)
  void theWorklistListsCustomersWithReasonsAndAppliesEveryPlantedOutcome() throws IOException {
    Dataset<Row> followUps = table("follow_ups");
    long listed = followUps.count();
    assertTrue(listed > 100, "the samples' last 14 days hold many detractors: " + listed);
    assertEquals(listed, followUps.select("customer_id").distinct().count(), "one follow-up per customer");
    assertEquals(0, followUps.filter("opened_on <> date'" + RUN_DATE + "' or size(reasons) = 0 or priority <= 0 "
        + "or due_date <= opened_on or summary is null or (owner_team is null and step_id <> 'unclassified')")
        .count(), "every follow-up: opened tonight, with a reason, a priority, a due date, a summary and a team");
    // Every planted outcome closes its follow-up: none is rejected as unknown or early.
    long outcomes = Files.readAllLines(TestConfigs.repositoryRoot().resolve("data-samples/follow_up_outcomes.csv"))
        .size() - 1;
    assertTrue(outcomes > 10, "planted outcomes: " + outcomes);
    assertEquals(outcomes, followUps.filter("status = 'closed' and outcome is not null").count());
    assertEquals(0, table("rejected_records").filter("source like 'follow_up_outcomes%'").count());
    // The stats count the same follow-ups, per team and step, and carry no customer id.
    Row sums = table("follow_up_stats").agg(functions.sum("opened"), functions.sum("closed")).first();
    assertEquals(List.of(listed, outcomes), List.of(sums.getLong(0), sums.getLong(1)));
    assertTrue(Arrays.stream(table("follow_up_stats").columns()).noneMatch(c -> c.contains("customer")));
  }

  @Test
  @Order(3)
  void thePlantedExpensiveAndPoorlyRatedStepsRankTop() {
    // report_fault and move_house directly; pay through its sub-step pay.reminder
    List<String> top = table("step_priority").filter("ranked_set = 'top' and is_top").orderBy("priority_rank")
        .select("step_id").as(Encoders.STRING()).collectAsList();
    assertEquals(Set.of("report_fault", "move_house", "pay"), Set.copyOf(top));
    Row payTop = table("step_priority").filter("ranked_set = 'pay' and priority_rank = 1").first();
    assertEquals("pay.reminder", payTop.getString(payTop.fieldIndex("step_id")));
    for (String step : PlantedEffects.EXPENSIVE_POORLY_RATED) {
      Row kpi = table("step_kpis").filter("step_id = '" + step + "'").first();
      assertTrue(kpi.getDouble(kpi.fieldIndex("satisfaction_mean")) < 6, step + " is poorly rated");
    }
    Row explained = table("step_priority").filter("step_id = 'report_fault'").first();
    assertTrue(explained.getString(explained.fieldIndex("explanation")).contains("satisfaction 5.0 vs target 7.5"),
        explained.getString(explained.fieldIndex("explanation")));
    assertTrue(table("contact_reasons").filter("step_id = 'unclassified'").count() > 0, "unclassified stays visible");
    assertEquals(0, table("channel_mix").groupBy("step_id").sum("target_share")
        .filter("abs(`sum(target_share)` - 1) > 1e-9").count(), "every step's target mix sums to 1");
  }

  @Test
  @Order(4)
  void rerunningTheSameDateReplacesItsRows() {
    Path output = tiny.resolve("delta");
    var first = runOnTinyInputs(TinyInputs.RUN_DATE);
    assertEquals(ExitCode.SUCCESS, first.code(), first.err());
    Map<String, Long> before = rowCounts(output);
    var cli = runOnTinyInputs(TinyInputs.RUN_DATE);
    assertEquals(ExitCode.SUCCESS, cli.code(), cli.err());
    Map<String, Long> after = rowCounts(output);
    for (String t : TABLES) {
      long expected = t.equals("run_log") ? before.get(t) + 1 : before.get(t);
      assertEquals(expected, after.get(t), t + " after rerun");
    }
    assertEquals(1, CliRunner.table(output, "step_kpis").select("run_id").distinct().count(),
        "one run's rows per date");
    PublishedRuns.assertOnlyLatestRows(output, TinyInputs.RUN_DATE);
  }

  @Test
  @Order(5)
  void anotherDateLeavesTheFirstUntouched() {
    Dataset<Row> kpis = CliRunner.table(tiny.resolve("delta"), "step_kpis");
    String firstDate = "run_date = '" + TinyInputs.RUN_DATE + "'";
    long first = kpis.filter(firstDate).count();
    assertTrue(first > 0, "the first date's rows (written by the rerun test)");
    var cli = runOnTinyInputs("2026-10-15");
    assertEquals(ExitCode.SUCCESS, cli.code(), cli.err());
    assertEquals(first, kpis.filter(firstDate).count());
    assertEquals(2, kpis.select("run_date").distinct().count());
  }

  @Test
  @Order(6)
  void theNextDateCarriesTheWorklistForward() {
    // No signal is dated after the first date: the next night holds the same follow-ups, none listed again.
    var cli = runOnTinyInputs("2026-11-01");
    assertEquals(ExitCode.SUCCESS, cli.code(), cli.err());
    Dataset<Row> followUps = CliRunner.table(tiny.resolve("delta"), "follow_ups")
        .select("run_date", "follow_up_id", "status", "reasons", "priority", "opened_on", "updated_on");
    Dataset<Row> before = followUps.filter("run_date = '" + TinyInputs.RUN_DATE + "'").drop("run_date");
    Dataset<Row> after = followUps.filter("run_date = '2026-11-01'").drop("run_date");
    assertTrue(before.count() > 0, "the tiny inputs hold detractors in the last 14 days");
    assertEquals(before.count(), after.count());
    assertEquals(0, before.except(after).count());
  }

  @Test
  @Order(7)
  void everyTableMatchesItsDocumentation() throws Exception {
    Map<String, List<String>> documented = documentedColumns();
    assertEquals(List.copyOf(documented.keySet()).stream().sorted().toList(),
        Arrays.stream(OutputTable.values()).map(OutputTable::docsSection).sorted().toList(),
        "docs/tables.md documents exactly the tables written");
    for (OutputTable t : OutputTable.values()) {
      List<String> actual = Arrays.stream(table(t.tableName()).schema().fields())
          .map(f -> f.name() + " " + f.dataType().simpleString()).toList();
      assertEquals(documented.get(t.docsSection()), actual, "docs/tables.md, section " + t.docsSection());
    }
  }

  /** Table name → "column type" in document order, from the '## table' sections of docs/tables.md. */
  static Map<String, List<String>> documentedColumns() throws IOException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(TestConfigs.repositoryRoot().resolve("docs/tables.md"))) {
      if (line.startsWith("## ")) {
        current = new ArrayList<>();
        tables.put(line.substring(3).trim(), current);
      } else if (current != null && line.startsWith("| ") && !line.startsWith("| column")
          && !line.startsWith("| ---")) {
        String[] cells = line.split("\\|");
        current.add(cells[1].trim() + " " + cells[2].trim());
      }
    }
    return tables;
  }
}
