package io.signalchain.followups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.ConfigLoader;
import io.signalchain.config.FollowUpReason;
import io.signalchain.config.FollowUpSettings;
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
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follow_up settings and the optional follow_up_outcomes input: read, checked, and their errors. */
class FollowUpConfigurationTest {
  @TempDir Path dir;

  @Test
  void settingsAreReadAndChecked() {
    SignalchainConfig c = TestConfigs.defaults(Map.of("follow_up.lookback_days", "7", "follow_up.cooldown_days", "0",
        "follow_up.points.complaint", "5", "follow_up.effort_at_least", "7"));
    FollowUpSettings s = c.followUp();
    assertEquals(7, s.lookbackDays());
    assertEquals(0, s.cooldownDays());
    assertEquals(5, s.points().get(FollowUpReason.COMPLAINT));
    assertEquals(2, s.points().get(FollowUpReason.DETRACTOR));
    assertEquals(7.0, s.effortAtLeast());
    assertEquals(new TreeMap<>(Map.of(0, 7, 3, 3, 5, 1)), s.dueDays());
    for (var bad : List.of(Map.of("follow_up.lookback_days", "0"), Map.of("follow_up.cooldown_days", "-1"),
        Map.of("follow_up.repeat_days", "400"), Map.of("follow_up.satisfaction_at_most", "11"),
        Map.of("follow_up.effort_at_least", "0"), Map.of("follow_up.points.complaint", "-1"),
        Map.of("follow_up.points.angry", "2"), Map.of("follow_up.due_days.x", "2"),
        Map.of("follow_up.days", "3"))) {
      var e = assertThrows(SignalchainException.class, () -> TestConfigs.defaults(bad));
      String key = bad.keySet().iterator().next();
      assertTrue(e.getMessage().contains(key), key + ": " + e.getMessage());
    }
  }

  @Test
  void dueDaysNeedTheLowestPriority() throws Exception {
    Path conf = TestConfigs.defaultConfFile();
    String yaml = Files.readString(conf).replace("due_days: {0: 7, 3: 3, 5: 1}", "due_days: {3: 3, 5: 1}")
        .replace("journey: journey.yaml", "journey: " + conf.getParent().resolve("journey.yaml"));
    Path file = Files.writeString(dir.resolve("signalchain.yaml"), yaml);
    var e = assertThrows(SignalchainException.class, () -> ConfigLoader.load(file));
    assertTrue(e.getMessage().contains("follow_up.due_days") && e.getMessage().contains("key 0"), e.getMessage());
  }

  @Test
  void outcomeRowsBreakingTheContractAreRejectedWithTheirReasons() throws Exception {
    Path file = Files.writeString(dir.resolve("outcomes.csv"), String.join("\n",
        "follow_up_id,closed_at,outcome,note",
        "FU-1,2026-10-31T14:00:00,teruggebeld,klant tevreden",
        "FU-2,2026-10-31T15:00:00,opgelost,",
        "FU-3,31-10-2026 15:00,opgelost,",
        "FU-4,,opgelost,",
        "FU-5,2026-10-31T15:00:00,,",
        "FU-6,2027-03-01T10:00:00,opgelost,",
        "FU-1,2026-10-31T16:00:00,nog een keer,",
        ",2026-10-31T15:00:00,opgelost,"));
    SignalchainConfig config = TestConfigs.defaults();
    var contract = InputContracts.forInput(InputContracts.FOLLOW_UP_OUTCOMES, config, LocalDate.of(2026, 10, 31));
    ValidatedInput input = Validation.validate(InputReader.read(SharedSpark.session(), contract,
        new InputSpec(file.toString(), "csv")), contract);
    Map<String, String> reasons = new HashMap<>();
    for (Row r : input.rows().collectAsList()) {
      String reason = r.getString(r.fieldIndex(Validation.REASON));
      String id = r.getString(r.fieldIndex("follow_up_id"));
      reasons.put(reason != null && reason.startsWith("duplicate") ? id + " duplicate" : id, reason);
    }
    assertNull(reasons.get("FU-1"));
    assertNull(reasons.get("FU-2"));
    assertTrue(reasons.get("FU-3").startsWith("closed_at '31-10-2026 15:00' is not an ISO-8601"), reasons.get("FU-3"));
    assertEquals("closed_at is missing", reasons.get("FU-4"));
    assertEquals("outcome is missing", reasons.get("FU-5"));
    assertTrue(reasons.get("FU-6").contains("is in the future"), reasons.get("FU-6"));
    assertEquals("duplicate follow_up_id 'FU-1' (the first row is kept)", reasons.get("FU-1 duplicate"));
    assertEquals("follow_up_id is missing", reasons.get(null));
    assertEquals(8, input.accepted().count() + input.rejected().count(), "accepted + rejected = read");
    // The note is checked, never kept.
    assertFalse(List.of(input.accepted().columns()).contains("note"));
  }
}
