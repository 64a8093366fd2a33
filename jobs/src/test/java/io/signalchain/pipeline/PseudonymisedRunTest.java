package io.signalchain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.ConfigLoader;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.CustomerPseudonym;
import io.signalchain.publish.RunStatus;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.TinyInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run with {@code privacy.pseudonymise_customer_id} on: both tables that hold a customer
 * id, customer_timeline and follow_ups, hold the HMAC-SHA256 pseudonym only, rejected_records
 * shows it in place of the id, and the worklist is drawn from the contacts as well as the survey
 * answers.
 */
class PseudonymisedRunTest {
  private static final String KEY = "n1ghtly-key";
  @TempDir static Path dir;
  static Path output;

  @BeforeAll
  static void run() {
    Map<String, String> overrides = new HashMap<>(TinyInputs.write(dir));
    output = dir.resolve("out");
    overrides.put("output.path", output.toString());
    overrides.put("privacy.pseudonymise_customer_id", "true");
    overrides.put("privacy.key_env", "SIGNALCHAIN_TEST_KEY");
    SignalchainConfig config = ConfigLoader.load(TestConfigs.defaultConfFile(), overrides,
        Map.of("SIGNALCHAIN_TEST_KEY", KEY));
    var results = new NightlyRun(SharedSpark.session(), config)
        .run(List.of(LocalDate.parse(TinyInputs.RUN_DATE)), false, r -> { });
    assertEquals(RunStatus.SUCCEEDED, results.get(0).status());
  }

  private static List<Row> rows(String table) {
    return SharedSpark.session().read().format("delta").load(output.resolve(table).toString()).collectAsList();
  }

  /** Independent of the job's code: javax.crypto's HMAC-SHA256 of the raw id under the key, in hex. */
  private static String pseudonym(String customerId) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theTimelineAndTheWorklistHoldPseudonymsOnly() throws Exception {
    Set<String> timeline = rows("customer_timeline").stream().map(r -> r.<String>getAs("customer_id"))
        .collect(Collectors.toSet());
    List<Row> followUps = rows("follow_ups");
    assertTrue(!followUps.isEmpty(), "the tiny inputs list customers");
    for (Row f : followUps) {
      String id = f.getAs("customer_id");
      assertTrue(id.matches("[0-9a-f]{64}"), id);
      assertTrue(timeline.contains(id), "the same pseudonym as in the timeline: " + id);
    }
    assertTrue(timeline.stream().allMatch(id -> id.matches("[0-9a-f]{64}")), timeline.toString());
    assertTrue(timeline.contains(pseudonym("K001")), "R001 and C001 are K001's");
  }

  @Test
  void rejectedRowsShowThePseudonymNotTheId() throws Exception {
    // R999 and C999 (K999's) are rejected: a score that is no number, an unknown channel.
    List<String> records = rows("rejected_records").stream()
        .filter(r -> List.of("survey_responses", "contacts").contains(r.<String>getAs("source")))
        .map(r -> r.<String>getAs("record")).toList();
    assertEquals(2, records.size(), records.toString());
    for (String record : records) {
      assertTrue(!record.contains("K999") && record.contains("\"customer_id\":\"" + pseudonym("K999") + "\""),
          record);
    }
  }

  @Test
  void aMalformedLineIsWithheldAndShownByItsHash() throws Exception {
    String line = "R7,K7,pay,\"phone";
    String json = "{\"response_id\":\"R8\",\"customer_id\":\"K8\",\"nps\":\"x\"}";
    Dataset<Row> records = SharedSpark.session().createDataFrame(List.of(RowFactory.create(line),
        RowFactory.create(json)), new StructType().add("record", DataTypes.StringType));
    List<String> shown = records.select(CustomerPseudonym.inRecord(col("record"), KEY)).collectAsList().stream()
        .map(r -> r.getString(0)).toList();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(line.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(CustomerPseudonym.WITHHELD + sha,
        "{\"response_id\":\"R8\",\"customer_id\":\"" + pseudonym("K8") + "\",\"nps\":\"x\"}"), shown);
  }

  @Test
  void aComplaintContactPutsItsCustomerOnTheWorklist() throws Exception {
    // C020: K020's complaint about pay on 2026-10-21, within the 14 days before the run date.
    String customer = pseudonym("K020");
    Row k020 = rows("follow_ups").stream().filter(r -> r.<String>getAs("customer_id").equals(customer))
        .findFirst().orElseThrow(() -> new AssertionError("K020's complaint is on the worklist"));
    assertTrue(k020.getList(k020.fieldIndex("reasons")).contains("complaint"), k020.toString());
    assertTrue(k020.getList(k020.fieldIndex("signal_ids")).contains("C020"), k020.toString());
  }
}
