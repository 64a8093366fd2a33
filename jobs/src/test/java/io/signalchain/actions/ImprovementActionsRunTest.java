package io.signalchain.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalchain.errors.ExitCode;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.TinyInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional improvement_actions input through a whole run, on the tiny inputs. */
class ImprovementActionsRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private CliRunner.Result run(Path conf, String actionsCsv, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>(TinyInputs.write(dir.resolve("in")));
    if (actionsCsv != null) {
      settings.put("inputs.improvement_actions.path",
          TestConfigs.write(dir.resolve("in/improvement_actions.csv"), actionsCsv).toString());
    }
    settings.putAll(overrides);
    List<String> args = new ArrayList<>(List.of("run", "--run-date", TinyInputs.RUN_DATE, "--output",
        dir.resolve("out").toString(), "--conf", conf.toString()));
    args.addAll(TinyInputs.cliArgs(settings));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void badActionRowsGoToRejectedRecordsWithEveryReason() throws Exception {
    var r = run(TestConfigs.defaultConfFile(), String.join("\n",
        "action_id,step_id,team,title,started_on,ended_on,target_metric",
        "A1,pay,Billing,Nieuwe herinnering,2026-10-10,,satisfaction",
        "A2,report_fault,Service,Terugbellen,2026-10-12,,contacts_per_1000",
        "A3,nowhere,Service,Onbekende stap,12-10-2026,,happiness", ""), Map.of("quality.max_reject_share", "0.5",
        "actions.pre_weeks", "1", "actions.post_weeks", "1"));
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    JsonNode summary = JSON.readTree(r.summary());
    assertEquals(3, summary.get("rows_read").get("improvement_actions").asLong(), "accepted + rejected = read");
    assertEquals(1, summary.get("rows_rejected").get("improvement_actions").asLong());
    List<Row> rejected = CliRunner.table(dir.resolve("out"), "rejected_records")
        .filter("source = 'improvement_actions'").collectAsList();
    assertEquals(1, rejected.size());
    assertEquals("unknown step_id 'nowhere'; started_on '12-10-2026' is not an ISO-8601 date (e.g. 2026-10-31);"
        + " unknown target_metric 'happiness'", rejected.get(0).getAs("reason"));
    assertTrue(((String) rejected.get(0).getAs("record")).contains("Onbekende stap"));
    List<Row> effects = CliRunner.table(dir.resolve("out"), "action_effects").collectAsList();
    assertEquals(2 * 6, effects.size(), "the two accepted actions, six metrics each");
    assertEquals(12, summary.get("rows_written").get("action_effects").asLong());
  }

  @Test
  void anEmptyActionsFileIsNoActionsYet() throws Exception {
    var r = run(TestConfigs.defaultConfFile(), "action_id,step_id,team,title,started_on,ended_on,target_metric\n",
        Map.of());
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    JsonNode summary = JSON.readTree(r.summary());
    assertEquals(0, summary.get("rows_read").get("improvement_actions").asLong());
    assertEquals(0, summary.get("rows_written").get("action_effects").asLong());
  }

  @Test
  void withoutTheInputTheFeatureIsOff() throws Exception {
    Path conf = TestConfigs.defaultConfFile();
    // Without the other optional input too (its relative path does not resolve from the copy).
    String yaml = Files.readString(conf).replaceAll("(?m)^  (improvement_actions|follow_up_outcomes):.*\\n", "")
        .replace("journey: journey.yaml", "journey: " + conf.getParent().resolve("journey.yaml"));
    var r = run(TestConfigs.write(dir.resolve("conf/signalchain.yaml"), yaml), null, Map.of());
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    JsonNode summary = JSON.readTree(r.summary());
    assertFalse(summary.get("rows_read").has("improvement_actions"), "not read");
    assertFalse(summary.get("rows_read").has("follow_up_outcomes"), "not read");
    assertEquals(0, summary.get("rows_written").get("action_effects").asLong(), "the table written empty");
  }
}
