package io.signalchain.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.ActionSettings;
import io.signalchain.config.ConfigLoader;
import io.signalchain.config.InputSpec;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.SignalchainException;
import io.signalchain.input.InputContracts;
import io.signalchain.input.InputReader;
import io.signalchain.input.ValidatedInput;
import io.signalchain.input.Validation;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional improvement_actions input: its configuration, and its contract's rules with their reasons. */
class ImprovementActionsInputTest {
  private static final String HEADER = "action_id,step_id,team,title,started_on,ended_on,target_metric,extra\n";

  @TempDir Path dir;

  @Test
  void anAbsentInputTurnsTheFeatureOff() throws Exception {
    Path conf = configWithout("improvement_actions");
    SignalchainConfig config = ConfigLoader.load(conf);
    assertNull(config.input(InputContracts.IMPROVEMENT_ACTIONS));
    // the required inputs and the other optional one the shipped configuration names
    assertEquals(List.of("survey_responses", "contacts", "process_volumes", "follow_up_outcomes"),
        config.inputNames());
    assertEquals(ActionSettings.DEFAULT, config.actions());
  }

  @Test
  void aConfiguredInputIsReadAfterTheOthers() throws Exception {
    SignalchainConfig config = ConfigLoader.load(configWithout("improvement_actions"),
        Map.of("inputs.improvement_actions.path", "/data/actions.csv"));
    assertEquals(List.of("survey_responses", "contacts", "process_volumes", "improvement_actions",
        "follow_up_outcomes"), config.inputNames());
    assertEquals("/data/actions.csv", config.input(InputContracts.IMPROVEMENT_ACTIONS).path());
  }

  @Test
  void actionSettingsAreReadAndChecked() {
    SignalchainConfig c = TestConfigs.defaults(Map.of("actions.pre_weeks", "6", "actions.post_weeks", "4",
        "actions.lag_days", "7", "actions.min_responses", "20"));
    assertEquals(new ActionSettings(6, 4, 7, 20), c.actions());
    for (var bad : List.of(Map.of("actions.pre_weeks", "0"), Map.of("actions.post_weeks", "105"),
        Map.of("actions.lag_days", "-1"), Map.of("actions.min_responses", "1"), Map.of("actions.weeks", "3"))) {
      var e = assertThrows(SignalchainException.class, () -> TestConfigs.defaults(bad));
      String key = bad.keySet().iterator().next();
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
  }

  @Test
  void badRowsAreRejectedWithEveryReason() throws Exception {
    Map<String, String> reasons = reasonsById(HEADER + String.join("\n",
        "A1,pay,Billing,Nieuwe factuuruitleg,2026-09-01,,satisfaction,x",
        "A2,report_fault,Service,Callback,2026-09-15,2026-12-01,,",
        "A3,become_customer.orient,Web,Later,2027-06-01,,contacts_per_1000,",
        "B1,,Billing,No step,2026-09-01,,,",
        "B2,nowhere,Billing,Unknown step,2026-09-01,,,",
        "B3,pay,,No team,2026-09-01,,,",
        "B4,pay,Billing,,2026-09-01,,,",
        "B5,pay,Billing,Bad start,01-09-2026,,,",
        "B6,pay,Billing,No start,,,,",
        "B7,pay,Billing,Bad metric,2026-09-01,,happiness,",
        "B8,nowhere,Billing,Two problems,2026-09-01,2026-13-01,,",
        "A1,pay,Billing,Duplicate,2026-09-02,,,",
        ",pay,Billing,No id,2026-09-01,,,"));
    assertNull(reasons.get("A1"));
    assertNull(reasons.get("A2"));
    assertNull(reasons.get("A3"), "a planned action starting after today is accepted");
    assertEquals("step_id is missing", reasons.get("B1"));
    assertEquals("unknown step_id 'nowhere'", reasons.get("B2"));
    assertEquals("team is missing", reasons.get("B3"));
    assertEquals("title is missing", reasons.get("B4"));
    assertEquals("started_on '01-09-2026' is not an ISO-8601 date (e.g. 2026-10-31)", reasons.get("B5"));
    assertEquals("started_on is missing", reasons.get("B6"));
    assertEquals("unknown target_metric 'happiness'", reasons.get("B7"));
    assertEquals("unknown step_id 'nowhere'; ended_on '2026-13-01' is not an ISO-8601 date (e.g. 2026-10-31)",
        reasons.get("B8"));
    assertEquals("duplicate action_id 'A1' (the first row is kept)", reasons.get("A1 duplicate"));
    assertEquals("action_id is missing", reasons.get(null));
  }

  private Map<String, String> reasonsById(String csv) throws Exception {
    Path file = Files.writeString(dir.resolve("actions.csv"), csv);
    SignalchainConfig config = TestConfigs.defaults();
    var contract = InputContracts.forInput(InputContracts.IMPROVEMENT_ACTIONS, config, LocalDate.of(2026, 10, 31));
    ValidatedInput input = Validation.validate(InputReader.read(SharedSpark.session(), contract,
        new InputSpec(file.toString(), "csv")), contract);
    Map<String, String> reasons = new HashMap<>();
    long read = 0;
    for (Row r : input.rows().collectAsList()) {
      read++;
      String id = r.getString(r.fieldIndex("action_id"));
      String reason = r.getString(r.fieldIndex(Validation.REASON));
      String key = reason != null && reason.startsWith("duplicate") ? id + " duplicate" : id;
      assertFalse(reasons.containsKey(key), "one row per key: " + key);
      reasons.put(key, reason);
    }
    assertEquals(13, read);
    assertEquals(read, input.accepted().count() + input.rejected().count(), "accepted + rejected = read");
    assertEquals(3, input.accepted().count());
    return reasons;
  }

  /** The default configuration without one input, beside the default journey. */
  private Path configWithout(String input) throws Exception {
    Path conf = TestConfigs.defaultConfFile();
    String yaml = Files.readString(conf).replaceAll("(?m)^  " + input + ":.*\\n", "")
        .replace("journey: journey.yaml", "journey: " + conf.getParent().resolve("journey.yaml"));
    return Files.writeString(dir.resolve("signalchain.yaml"), yaml);
  }
}
