package io.signalchain.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.signalchain.config.ConfigLoader;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.ExitCode;
import io.signalchain.errors.SignalchainException;
import io.signalchain.journey.CustomerSignals;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.OutputTable;
import io.signalchain.publish.RunContext;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * customer_timeline from tiny inputs, validated as a run validates them, merged night after night
 * into one Delta table: who is in it, what a rerun and a corrected row do, and the pseudonyms.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerTimelineTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-11-05");
  private static final LocalDate NIGHT_1 = LocalDate.parse("2026-10-31");
  private static final LocalDate NIGHT_2 = LocalDate.parse("2026-11-02");
  private static final String SURVEYS = """
      response_id,customer_id,step_id,channel,responded_at,satisfaction,nps,effort,weight,segment
      R1,K1,pay,phone,2026-10-01T10:00:00,8,9,2,1,consumer
      R2,,pay,phone,2026-10-02T10:00:00,6,5,,1,consumer
      R3,K2,pay,phone,2026-10-03T10:00:00,11,5,,1,consumer
      R4,K3,pay,,2026-11-02T10:00:00,7,,,1,consumer
      """;
  // C3: unknown channel (rejected); C4: no customer; C5 twice: the first by raw content (K4) is kept.
  private static final String CONTACTS = """
      contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur
      C1,K1,2026-10-01T09:00:00,phone,pay,Complaint,late invoice,120,
      C2,K2,2026-10-02T09:00:00,email,,question,,60,2.5
      C3,K3,2026-10-03T09:00:00,fax,pay,question,x,60,
      C4,,2026-10-04T09:00:00,phone,pay,question,x,60,
      C5,K5,2026-10-05T09:00:00,phone,pay,question,second,60,
      C5,K4,2026-10-05T09:00:00,phone,pay,question,first,60,
      """;
  private static final String VOLUMES = "step_id,date,channel,volume\npay,2026-10-01,app_web,10\n";
  @TempDir static Path dir;

  private static SignalchainConfig config(String name, String contacts, Map<String, String> settings,
      Map<String, String> environment) {
    Map<String, String> overrides = new HashMap<>(settings);
    overrides.put("inputs.survey_responses.path", TestConfigs.write(dir.resolve(name + "/s.csv"), SURVEYS).toString());
    overrides.put("inputs.contacts.path", TestConfigs.write(dir.resolve(name + "/c.csv"), contacts).toString());
    overrides.put("inputs.process_volumes.path", TestConfigs.write(dir.resolve(name + "/v.csv"), VOLUMES).toString());
    overrides.put("output.path", dir.resolve("out").toString());
    return ConfigLoader.load(TestConfigs.defaultConfFile(), overrides, environment);
  }

  private static Dataset<Row> signals(SignalchainConfig config, LocalDate runDate) {
    RunInputs inputs = new NightlyRun(SharedSpark.session(), config).validateInputs(TODAY);
    return CustomerSignals.of(inputs.surveys().accepted(), inputs.contacts().accepted(), config, runDate);
  }

  private static DeltaOutput.Merged merge(SignalchainConfig config, LocalDate runDate) {
    RunContext run = new RunContext(UUID.randomUUID().toString(), runDate, null, Instant.now());
    return new DeltaOutput(config.outputPath()).mergeHistory(OutputTable.CUSTOMER_TIMELINE,
        signals(config, runDate), NightlyRun.TIMELINE, run);
  }

  private static Map<String, Row> timeline(SignalchainConfig config) {
    return SharedSpark.session().read().format("delta").load(config.outputPath() + "/customer_timeline")
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(2), r -> r));
  }

  private static Set<String> files(SignalchainConfig config) {
    return Set.of(SharedSpark.session().read().format("delta").load(config.outputPath() + "/customer_timeline")
        .inputFiles());
  }

  /** The columns with a minimum in the statistics of the table's files, as the Delta log holds them. */
  private static Set<String> statisticsColumns(SignalchainConfig config) {
    Set<String> columns = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    SharedSpark.session().read().json(config.outputPath() + "/customer_timeline/_delta_log/*.json")
        .filter("add is not null").select("add.stats").collectAsList().forEach(r -> {
          try {
            json.readTree(r.getString(0)).get("minValues").fieldNames().forEachRemaining(columns::add);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
    return columns;
  }

  private static long version(SignalchainConfig config) {
    return DeltaTable.forPath(SharedSpark.session(), config.outputPath() + "/customer_timeline").history(1)
        .first().getLong(0);
  }

  @Test
  @Order(1)
  void theFirstNightHoldsTheAcceptedSignalsOfCustomersUpToTheRunDate() {
    SignalchainConfig config = config("night1", CONTACTS, Map.of(), Map.of());
    // R1, C1, C2 and the kept C5; not R2 and C4 (no customer), R3 and C3 (rejected), the second C5
    // (a repeated id), R4 (after the run date).
    assertEquals(new DeltaOutput.Merged(4, 0), merge(config, NIGHT_1));
    Map<String, Row> rows = timeline(config);
    assertEquals(Set.of("R1", "C1", "C2", "C5"), rows.keySet());
    Row r1 = rows.get("R1");
    assertEquals(List.of("K1", "survey_response", "R1", "pay", "phone"),
        List.of(r1.getString(0), r1.getString(1), r1.getString(2), r1.getString(4), r1.getString(5)));
    assertEquals(8.0, r1.getDouble(6));
    assertEquals(9, r1.getInt(7));
    assertEquals(2.0, r1.getDouble(8));
    assertTrue(r1.isNullAt(9) && r1.isNullAt(10) && r1.isNullAt(11), "no contact fields on a response");
    Row c1 = rows.get("C1");
    assertEquals("complaint", c1.getString(9), "contact type in lower case");
    assertEquals(6.5, c1.getDouble(11), "no cost given: the phone channel's cost per contact");
    assertTrue(c1.isNullAt(6) && c1.isNullAt(7) && c1.isNullAt(8), "no survey fields on a contact");
    Row c2 = rows.get("C2");
    assertEquals("unclassified", c2.getString(4));
    assertNull(c2.get(10));
    assertEquals(2.5, c2.getDouble(11));
    assertEquals("K4", rows.get("C5").getString(0), "the first C5 by raw content");
    assertEquals(64, r1.getString(12).length(), "SHA-256 in hex");
    assertEquals(Date.valueOf(NIGHT_1), r1.getDate(13));
    assertEquals(Set.of("customer_id", "signal_at"), statisticsColumns(config),
        "Delta's file statistics on the clustering and the time column only");
  }

  @Test
  @Order(2)
  void aRerunChangesNothingNotEvenTheTableVersion() {
    SignalchainConfig config = config("night1", CONTACTS, Map.of(), Map.of());
    long before = version(config);
    Set<String> files = files(config);
    assertEquals(new DeltaOutput.Merged(0, 0), merge(config, NIGHT_1));
    assertEquals(before, version(config), "no commit");
    assertEquals(files, files(config), "no file added or removed");
  }

  @Test
  @Order(3)
  void aCorrectedRowReplacesItsVersionAndANewSignalIsInserted() {
    SignalchainConfig config = config("night2", CONTACTS.replace("late invoice", "wrong amount"), Map.of(), Map.of());
    Map<String, Row> before = timeline(config);
    // C1 corrected; R4 is now within the run date
    assertEquals(new DeltaOutput.Merged(1, 1), merge(config, NIGHT_2));
    Map<String, Row> rows = timeline(config);
    assertEquals(Set.of("R1", "C1", "C2", "C5", "R4"), rows.keySet(), "one row per signal");
    assertEquals("wrong amount", rows.get("C1").getString(10));
    assertEquals(Date.valueOf(NIGHT_2), rows.get("C1").getDate(13));
    assertFalse(before.get("C1").getString(12).equals(rows.get("C1").getString(12)), "a new hash");
    assertEquals(before.get("R1"), rows.get("R1"), "an unchanged signal keeps its row and run date");
    assertTrue(rows.get("R4").isNullAt(5), "a response without a channel");
  }

  @Test
  @Order(4)
  void aRowCorrectedToAnotherDayIsReplacedNotAddedAgain() {
    // C2 was the only signal on 2026-10-02: that day has nothing left to compare, yet C2 is found.
    String moved = CONTACTS.replace("late invoice", "wrong amount").replace("C2,K2,2026-10-02", "C2,K2,2026-10-20");
    SignalchainConfig config = config("night2-moved", moved, Map.of(), Map.of());
    assertEquals(new DeltaOutput.Merged(0, 1), merge(config, NIGHT_2));
    List<Row> c2 = SharedSpark.session().read().format("delta").load(config.outputPath() + "/customer_timeline")
        .filter("signal_id = 'C2'").collectAsList();
    assertEquals(1, c2.size(), "one row per signal");
    assertEquals(Instant.parse("2026-10-20T09:00:00Z"), c2.get(0).getTimestamp(3).toInstant());
  }

  @Test
  void pseudonymisedIdsAreTheHmacOfTheIdUnderTheKey() throws Exception {
    Map<String, String> on = Map.of("privacy.pseudonymise_customer_id", "true", "privacy.key_env", "TIMELINE_KEY");
    SignalchainConfig config = config("pseudonyms", CONTACTS, on, Map.of("TIMELINE_KEY", "s3cret"));
    Map<String, String> ids = signals(config, NIGHT_1).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(2), r -> r.getString(0)));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String k1 = HexFormat.of().formatHex(mac.doFinal("K1".getBytes(StandardCharsets.UTF_8)));
    assertEquals(k1, ids.get("R1"));
    assertEquals(k1, ids.get("C1"), "one customer, one pseudonym, whatever the signal");
    assertTrue(ids.values().stream().allMatch(id -> id.matches("[0-9a-f]{64}")), ids.toString());
    assertFalse(config.toString().contains("s3cret"), "the key is never printed");

    for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("TIMELINE_KEY", ""))) {
      var e = assertThrows(SignalchainException.class, () -> config("pseudonyms", CONTACTS, on, environment));
      assertEquals(ExitCode.USAGE_OR_CONFIGURATION, e.exitCode());
      assertTrue(e.getMessage().contains("TIMELINE_KEY") && e.getMessage().contains("privacy.pseudonymise_customer_id"),
          e.getMessage());
    }
  }
}
