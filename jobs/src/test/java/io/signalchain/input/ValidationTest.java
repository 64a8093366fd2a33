package io.signalchain.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.InputSpec;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.ExitCode;
import io.signalchain.errors.SignalchainException;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation rule of the input contract, with the reason a rejected row carries. */
class ValidationTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  /** The validation's "today": fixed, so that no assertion depends on the wall clock. */
  private static final LocalDate TODAY = LocalDate.of(2026, 10, 31);
  private static final String SURVEY_HEADER =
      "response_id,customer_id,step_id,channel,responded_at,satisfaction,nps,effort,weight,segment,driver_ease,driver_speed,extra\n";

  @TempDir Path dir;

  @Test
  void surveyRulesRejectWithReasons() {
    Map<String, String> reasons = reasonsById(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER + String.join("\n",
        "ok1,C1,pay.reminder,phone,2026-10-30T10:00:00,8,9,2,1.5,consumer,8,7,ignored",
        "ok2,,use_product,,2026-10-30 11:00:00,10,,,,,,,",
        "noStep,C1,,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,",
        "badStep,C1,nowhere,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,",
        "badChannel,C1,pay,pigeon,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,",
        "badTime,C1,pay,phone,31-10-2026,8,9,2,1,consumer,8,7,",
        "noTime,C1,pay,phone,,8,9,2,1,consumer,8,7,",
        "badNumber,C1,pay,phone,2026-10-30T10:00:00,\"7,5\",9,2,1,consumer,8,7,",
        "noSatisfaction,C1,pay,phone,2026-10-30T10:00:00,,9,2,1,consumer,8,7,",
        "highSatisfaction,C1,pay,phone,2026-10-30T10:00:00,11,9,2,1,consumer,8,7,",
        "npsFraction,C1,pay,phone,2026-10-30T10:00:00,8,7.5,2,1,consumer,8,7,",
        "npsHigh,C1,pay,phone,2026-10-30T10:00:00,8,12,2,1,consumer,8,7,",
        "effortLow,C1,pay,phone,2026-10-30T10:00:00,8,9,0,1,consumer,8,7,",
        "zeroWeight,C1,pay,phone,2026-10-30T10:00:00,8,9,2,0,consumer,8,7,",
        "driverHigh,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,70,",
        "notANumber,C1,pay,phone,2026-10-30T10:00:00,NaN,9,2,1,consumer,8,7,",
        "twoProblems,C1,nowhere,phone,2026-10-30T10:00:00,0,9,2,1,consumer,8,7,",
        ",C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,"));
    assertEquals(null, reasons.get("ok1"));
    assertEquals(null, reasons.get("ok2"));
    assertEquals("step_id is missing", reasons.get("noStep"));
    assertEquals("unknown step_id 'nowhere'", reasons.get("badStep"));
    assertEquals("unknown channel 'pigeon'", reasons.get("badChannel"));
    assertEquals("responded_at '31-10-2026' is not an ISO-8601 timestamp (e.g. 2026-10-31T14:03:00)",
        reasons.get("badTime"));
    assertEquals("responded_at is missing", reasons.get("noTime"));
    assertEquals("satisfaction '7,5' is not a number (with a decimal point)", reasons.get("badNumber"));
    assertEquals("satisfaction is missing", reasons.get("noSatisfaction"));
    assertEquals("satisfaction 11.0 is outside the scale 1–10", reasons.get("highSatisfaction"));
    assertEquals("nps '7.5' is not a whole number", reasons.get("npsFraction"));
    assertEquals("nps 12 is outside the scale 0–10", reasons.get("npsHigh"));
    assertEquals("effort 0.0 is outside the scale 1–7", reasons.get("effortLow"));
    assertEquals("weight 0.0 is outside the allowed range (must be > 0)", reasons.get("zeroWeight"));
    assertEquals("driver_speed 70.0 is outside the scale 1–10", reasons.get("driverHigh"));
    assertEquals("satisfaction 'NaN' is not a number (with a decimal point)", reasons.get("notANumber"));
    assertEquals("unknown step_id 'nowhere'; satisfaction 0.0 is outside the scale 1–10", reasons.get("twoProblems"));
    assertEquals("response_id is missing", reasons.get(null));
  }

  @Test
  void acceptedRowsAreTypedAndWeightDefaultsToOne() {
    ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER
        + "ok2,,use_product,,2026-10-30 11:00:00,10,,,,,,,\n");
    Row row = input.accepted().first();
    assertEquals(1.0, row.getDouble(row.fieldIndex("weight")));
    assertEquals(10.0, row.getDouble(row.fieldIndex("satisfaction")));
    assertEquals(Timestamp.valueOf("2026-10-30 11:00:00"), row.getTimestamp(row.fieldIndex("responded_at")));
    assertEquals(List.of("driver_ease", "driver_speed"), input.driverColumns());
    assertEquals(List.of("response_id", "customer_id", "step_id", "channel", "responded_at", "satisfaction", "nps",
        "effort", "weight", "retention_intent", "segment", "driver_ease", "driver_speed"),
        List.of(input.accepted().columns()),
        "contract columns, drivers, and nothing else (extra columns are ignored)");
  }

  @Test
  void duplicateIdsAreKeptOnce() {
    ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER + String.join("\n",
        "R1,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,",
        "R1,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,",
        "R1,C1,pay,phone,2026-10-30T10:00:00,9,9,2,1,consumer,8,7,",
        "R2,C1,pay,phone,bad,9,9,2,1,consumer,8,7,",
        "R2,C1,pay,phone,2026-10-30T10:00:00,9,9,2,1,consumer,8,7,"));
    assertEquals(2, input.accepted().count(), "R1 once, and the valid R2");
    List<Row> rejected = input.rejected().orderBy("reason").collectAsList();
    assertEquals(3, rejected.size());
    assertEquals("duplicate response_id 'R1' (the first row is kept)", rejected.get(0).getString(2));
    assertEquals("duplicate response_id 'R1' (the first row is kept)", rejected.get(1).getString(2));
    assertTrue(rejected.get(2).getString(2).startsWith("responded_at 'bad'"));
  }

  @Test
  void malformedLinesAndBadBytesAreRejectedWithTheirRawContent() throws Exception {
    Path file = dir.resolve("s.csv");
    byte[] latin1 = "R4,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,caf\u00e9,8,7,\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, (SURVEY_HEADER
        + "R1,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,\n"
        + "R2,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,,,too,many\n"
        + "R3,C1,pay\n").getBytes(StandardCharsets.UTF_8));
    Files.write(file, latin1, StandardOpenOption.APPEND);
    ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, file);
    Map<String, String> reasons = reasonsById(input);
    assertEquals(null, reasons.get("R1"));
    assertTrue(reasons.get("R2").startsWith("malformed line"), reasons.get("R2"));
    assertTrue(reasons.get("R3").startsWith("malformed line"), reasons.get("R3"));
    assertTrue(reasons.get("R4").startsWith("not valid UTF-8"), reasons.get("R4"));
    String raw = input.rejected().filter("record like 'R2,%'").first().getString(1);
    assertEquals("R2,C1,pay,phone,2026-10-30T10:00:00,8,9,2,1,consumer,8,7,,,too,many", raw);
    assertEquals(4, input.rows().count(), "accepted + rejected = read");
  }

  @Test
  void contactRulesRejectWithReasons() {
    Map<String, String> reasons = reasonsById(InputContracts.CONTACTS,
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n"
            + String.join("\n",
            "K1,C1,2026-10-30T10:00:00,phone,pay.reminder,complaint,herinnering,300,",
            "K2,,2026-10-30T10:00:00,chat,,question,,,",
            "K3,C1,2026-10-30T10:00:00,pigeon,pay,question,x,1,",
            "K4,C1,2026-10-30T10:00:00,phone,pay,,x,1,",
            "K5,C1,2026-10-30T10:00:00,phone,pay,question,x,-1,",
            "K6,C1,2026-10-30T10:00:00,phone,pay,question,x,1,-0.5",
            "K7,C1,2026-10-30T10:00:00,,pay,question,x,1,"));
    assertEquals(null, reasons.get("K1"));
    assertEquals(null, reasons.get("K2"), "step_id is optional: unclassified");
    assertEquals("unknown channel 'pigeon'", reasons.get("K3"));
    assertEquals("contact_type is missing", reasons.get("K4"));
    assertEquals("handling_seconds -1.0 is outside the allowed range (must be ≥ 0)", reasons.get("K5"));
    assertEquals("cost_eur -0.5 is outside the allowed range (must be ≥ 0)", reasons.get("K6"));
    assertEquals("channel is missing", reasons.get("K7"));
  }

  @Test
  void checkpointedRowsAreTheRowsWithRepeatedIdsSettledOnce() {
    ValidatedInput input = validate(InputContracts.CONTACTS,
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n"
            + String.join("\n",
            "K1,C1,2026-10-30T10:00:00,phone,pay,complaint,a,300,2.5",
            "K3,C1,2026-10-30T12:00:00,pigeon,pay,question,x,1,",
            "K4,C2,2026-10-29T10:00:00,chat,pay,question,,1,1.5",
            "K4,C2,2026-10-29T10:00:00,chat,pay,question,,1,1.0",
            "K5,C3,2026-10-28T10:00:00,chat,,question,,1,",
            "K5,C3,2026-10-28T10:00:00,chat,,question,,-1,"));
    ValidatedInput kept = input.checkpointed();

    // K4 twice, both valid: the first by raw content (cost 1.0) is kept; K5's invalid row leaves the valid one alone.
    assertEquals(sorted(input.accepted()), sorted(kept.accepted()));
    assertEquals(sorted(input.rejected()), sorted(kept.rejected()), "the same rejected rows, with raw records");
    assertEquals(List.of("[null,null]", "[pay,1.0]", "[pay,2.5]"),
        sorted(kept.accepted().select("step_id", "cost_eur")));
    assertEquals(List.of("duplicate contact_id 'K4' (the first row is kept)",
        "handling_seconds -1.0 is outside the allowed range (must be ≥ 0)", "unknown channel 'pigeon'"),
        kept.rejected().select("reason").orderBy("reason").as(Encoders.STRING()).collectAsList());
  }

  @Test
  void unpersistFreesTheKeptRowsAtOnce() {
    ValidatedInput kept = validate(InputContracts.PROCESS_VOLUMES, "step_id,date,channel,volume\n"
        + "pay,2026-10-30,letter,100\n").checkpointed();
    var context = SharedSpark.session().sparkContext();
    int before = context.getPersistentRDDs().size();
    int rdd = ((LogicalRDD) kept.checked().queryExecution().analyzed()).rdd().id();
    kept.unpersist();
    assertEquals(before - 1, context.getPersistentRDDs().size(), "the checkpoint's blocks are released");
    assertTrue(SparkEnv.get().blockManager().getMatchingBlockIds(block -> block.asRDDId().exists(b -> b.rddId() == rdd))
        .isEmpty(), "and removed before unpersist returns");
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void volumeRulesRejectWithReasons() {
    ValidatedInput input = validate(InputContracts.PROCESS_VOLUMES, "step_id,date,channel,volume\n" + String.join("\n",
        "pay,2026-10-30,letter,100",
        "pay,2026-10-30,letter,-5",
        "pay,30/10/2026,letter,5",
        "pay,2026-10-30,letter,2.5",
        "pay,2026-10-30,letter,"));
    List<String> reasons = input.rejected().select("reason").orderBy("reason").as(
        Encoders.STRING()).collectAsList();
    assertEquals(List.of("date '30/10/2026' is not an ISO-8601 date (e.g. 2026-10-31)",
        "volume '2.5' is not a whole number", "volume -5 is outside the allowed range (must be ≥ 0)",
        "volume is missing"), reasons);
    assertEquals(100L, input.accepted().first().getLong(3));
  }

  @Test
  void numbersAreParsedStrictly() {
    Map<String, String> reasons = reasonsById(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER + String.join("\n",
        "plain,C1,pay,phone,2026-10-30T10:00:00,8,,,,,,,",
        "spaces,C1,pay,phone,2026-10-30T10:00:00, 8 ,,,,,,,",
        "plus,C1,pay,phone,2026-10-30T10:00:00,+8,,,,,,,",
        "fraction,C1,pay,phone,2026-10-30T10:00:00,7.25,,,,,,,",
        "point,C1,pay,phone,2026-10-30T10:00:00,8.,,,,,,,",
        "exponent,C1,pay,phone,2026-10-30T10:00:00,0.8E1,,,,,,,",
        "double,C1,pay,phone,2026-10-30T10:00:00,8d,,,,,,,",
        "float,C1,pay,phone,2026-10-30T10:00:00,8f,,,,,,,",
        "hex,C1,pay,phone,2026-10-30T10:00:00,0x1p3,,,,,,,",
        "halfExponent,C1,pay,phone,2026-10-30T10:00:00,1e,,,,,,,",
        "comma,C1,pay,phone,2026-10-30T10:00:00,\"8,5\",,,,,,,",
        "infinity,C1,pay,phone,2026-10-30T10:00:00,Infinity,,,,,,,",
        "wholeAsDecimal,C1,pay,phone,2026-10-30T10:00:00,8,3.0,,,,,,",
        "wholeHalf,C1,pay,phone,2026-10-30T10:00:00,8,3.5,,,,,,",
        "wholeSuffix,C1,pay,phone,2026-10-30T10:00:00,8,3L,,,,,,"));
    for (String ok : List.of("plain", "spaces", "plus", "fraction", "point", "exponent", "wholeAsDecimal")) {
      assertEquals(null, reasons.get(ok), ok);
    }
    assertEquals("satisfaction '8d' is not a number (with a decimal point)", reasons.get("double"));
    assertEquals("satisfaction '8f' is not a number (with a decimal point)", reasons.get("float"));
    assertEquals("satisfaction '0x1p3' is not a number (with a decimal point)", reasons.get("hex"));
    assertEquals("satisfaction '1e' is not a number (with a decimal point)", reasons.get("halfExponent"));
    assertEquals("satisfaction '8,5' is not a number (with a decimal point)", reasons.get("comma"));
    assertEquals("satisfaction 'Infinity' is not a number (with a decimal point)", reasons.get("infinity"));
    assertEquals("nps '3.5' is not a whole number", reasons.get("wholeHalf"));
    assertEquals("nps '3L' is not a whole number", reasons.get("wholeSuffix"));

    ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER
        + "R1,C1,pay,phone,2026-10-30T10:00:00,0.8E1,3.0,,,,,,\n");
    Row row = input.accepted().first();
    assertEquals(8.0, row.getDouble(row.fieldIndex("satisfaction")));
    assertEquals(3L, row.getLong(row.fieldIndex("nps")), "3.0 is the whole number 3");
  }

  @Test
  void timestampsAndDatesMustBeFullIso8601() {
    Map<String, String> reasons = reasonsById(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER + String.join("\n",
        "dateTime,C1,pay,phone,2026-10-30T14:03:00,8,,,,,,,",
        "space,C1,pay,phone,2026-10-30 14:03:00,8,,,,,,,",
        "minutes,C1,pay,phone,2026-10-30T14:03,8,,,,,,,",
        "fractionZ,C1,pay,phone,2026-10-30T14:03:00.250Z,8,,,,,,,",
        "offset,C1,pay,phone,2026-10-30T14:03:00+01:00,8,,,,,,,",
        "dateOnly,C1,pay,phone,2026-10-30,8,,,,,,,",
        "month,C1,pay,phone,2026-10,8,,,,,,,",
        "year,C1,pay,phone,2026,8,,,,,,,",
        "noDay,C1,pay,phone,2026-02-30,8,,,,,,,",
        "hourOnly,C1,pay,phone,2026-10-30T14,8,,,,,,,"));
    for (String ok : List.of("dateTime", "space", "minutes", "fractionZ", "offset", "dateOnly")) {
      assertEquals(null, reasons.get(ok), ok);
    }
    for (String bad : List.of("month", "year", "noDay", "hourOnly")) {
      assertTrue(String.valueOf(reasons.get(bad)).endsWith("is not an ISO-8601 timestamp (e.g. 2026-10-31T14:03:00)"),
          bad + ": " + reasons.get(bad));
    }
    ValidatedInput offset = validate(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER
        + "R1,C1,pay,phone,2026-10-30T14:03:00+01:00,8,,,,,,,\n");
    assertEquals(Timestamp.from(Instant.parse("2026-10-30T13:03:00Z")),
        offset.accepted().first().getTimestamp(4), "the zone is applied");

    ValidatedInput volumes = validate(InputContracts.PROCESS_VOLUMES, "step_id,date,channel,volume\n"
        + String.join("\n",
        "pay,2026-10-30,letter,1",
        "pay,2026-10,letter,2",
        "pay,2026,letter,3",
        "pay,2026-10-30T00:00:00,letter,4"));
    assertEquals(List.of("date '2026' is not an ISO-8601 date (e.g. 2026-10-31)",
        "date '2026-10' is not an ISO-8601 date (e.g. 2026-10-31)",
        "date '2026-10-30T00:00:00' is not an ISO-8601 date (e.g. 2026-10-31)"),
        input(volumes.rejected().select("reason").orderBy("reason")));
    assertEquals(1L, volumes.accepted().first().getLong(3));
  }

  @Test
  void valuesBeyondThePlausibilityBoundsAreRejectedNamingTheKey() {
    Map<String, String> contacts = reasonsById(InputContracts.CONTACTS,
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n"
            + String.join("\n",
            "atBounds,C1,2026-10-30T10:00:00,phone,pay,question,x,86400,10000",
            "hugeCost,C1,2026-10-30T10:00:00,phone,pay,question,x,1,1e308",
            "longCall,C1,2026-10-30T10:00:00,phone,pay,question,x,86401,"));
    assertEquals(null, contacts.get("atBounds"), "the bounds themselves are plausible");
    assertEquals("cost_eur 1.0E308 is above the plausible maximum 10000 (bounds.max_cost_eur)",
        contacts.get("hugeCost"));
    assertEquals("handling_seconds 86401.0 is above the plausible maximum 86400 (bounds.max_handling_seconds)",
        contacts.get("longCall"));

    Map<String, String> surveys = reasonsById(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER + String.join("\n",
        "heavy,C1,pay,phone,2026-10-30T10:00:00,8,,,1e308,,,,",
        "atBound,C1,pay,phone,2026-10-30T10:00:00,8,,,1000,,,,"));
    assertEquals("weight 1.0E308 is above the plausible maximum 1000 (bounds.max_weight)", surveys.get("heavy"));
    assertEquals(null, surveys.get("atBound"));

    ValidatedInput volumes = validate(InputContracts.PROCESS_VOLUMES, "step_id,date,channel,volume\n"
        + "pay,2026-10-30,letter,9223372036854775807\npay,2026-10-30,letter,1000000000\n");
    assertEquals(List.of("volume 9223372036854775807 is above the plausible maximum 1000000000 "
        + "(bounds.max_volume_per_day)"), input(volumes.rejected().select("reason")));
    assertEquals(1_000_000_000L, volumes.accepted().first().getLong(3));
  }

  @Test
  void theBoundsAreConfigurable() {
    SignalchainConfig generous = TestConfigs.defaults(Map.of("bounds.max_cost_eur", "50000",
        "bounds.max_volume_per_day", "20000000000"));
    var contacts = InputContracts.forInput(InputContracts.CONTACTS, generous, TODAY);
    ValidatedInput input = Validation.validate(InputReader.read(SharedSpark.session(), contacts, new InputSpec(
        TestConfigs.write(dir.resolve("c.csv"),
            "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n"
                + "K1,C1,2026-10-30T10:00:00,store,pay,request,x,1,25000\n"
                + "K2,C1,2026-10-30T10:00:00,store,pay,request,x,1,50001\n").toString(), "csv")), contacts);
    assertEquals(List.of("cost_eur 50001.0 is above the plausible maximum 50000 (bounds.max_cost_eur)"),
        input(input.rejected().select("reason")));
    var volumes = InputContracts.forInput(InputContracts.PROCESS_VOLUMES, generous, TODAY);
    ValidatedInput v = Validation.validate(InputReader.read(SharedSpark.session(), volumes, new InputSpec(
        TestConfigs.write(dir.resolve("v.csv"), "step_id,date,channel,volume\npay,2026-10-30,,15000000000\n")
            .toString(), "csv")), volumes);
    assertEquals(15_000_000_000L, v.accepted().first().getLong(3));
  }

  @Test
  void signalsDatedAfterTodayPlusTheToleranceAreRejectedAsInTheFuture() {
    // TODAY is 2026-10-31; the default tolerance of one day accepts anything on 2026-11-01 (UTC).
    Map<String, String> surveys = reasonsById(InputContracts.SURVEY_RESPONSES, SURVEY_HEADER + String.join("\n",
        "today,C1,pay,phone,2026-10-31T23:59:59,8,,,,,,,",
        "tomorrow,C1,pay,phone,2026-11-01T23:59:59Z,8,,,,,,,",
        "dayAfter,C1,pay,phone,2026-11-02T00:00:00,8,,,,,,,",
        "earlyInAmsterdam,C1,pay,phone,2026-11-02T00:30:00+01:00,8,,,,,,,",
        "far,C1,pay,phone,2099-12-31,8,,,,,,,"));
    assertEquals(null, surveys.get("today"));
    assertEquals(null, surveys.get("tomorrow"));
    assertEquals(null, surveys.get("earlyInAmsterdam"), "23:30 UTC on 2026-11-01");
    assertEquals("responded_at 2026-11-02T00:00:00 is in the future (after 2026-11-01: today, UTC, plus "
        + "quality.future_tolerance_days)", surveys.get("dayAfter"));
    assertTrue(surveys.get("far").startsWith("responded_at 2099-12-31 is in the future"), surveys.get("far"));

    Map<String, String> contacts = reasonsById(InputContracts.CONTACTS,
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n"
            + "K1,C1,2026-10-30T10:00:00,phone,pay,question,x,,\nK2,C1,2099-01-01T10:00:00,phone,pay,question,x,,\n");
    assertEquals(null, contacts.get("K1"));
    assertTrue(contacts.get("K2").startsWith("contacted_at 2099-01-01T10:00:00 is in the future"), contacts.get("K2"));

    SignalchainConfig strict = TestConfigs.defaults(Map.of("quality.future_tolerance_days", "0"));
    var contract = InputContracts.forInput(InputContracts.PROCESS_VOLUMES, strict, TODAY);
    ValidatedInput volumes = Validation.validate(InputReader.read(SharedSpark.session(), contract, new InputSpec(
        TestConfigs.write(dir.resolve("v.csv"), "step_id,date,channel,volume\npay,2026-10-31,,1\npay,2026-11-01,,2\n")
            .toString(), "csv")), contract);
    assertEquals(List.of("date 2026-11-01 is in the future (after 2026-10-31: today, UTC, plus "
        + "quality.future_tolerance_days)"), input(volumes.rejected().select("reason")));
  }

  @Test
  void typedParquetValuesMeetTheSameBoundsAndRules() {
    var spark = SharedSpark.session();
    String path = dir.resolve("typed").toString();
    spark.sql("select 'pay' as step_id, date'2026-10-30' as date, 'letter' as channel, 9223372036854775807L as volume "
        + "union all select 'pay', date'2099-10-30', 'letter', 5L "
        + "union all select 'pay', date'2026-10-30', 'letter', 7L").write().parquet(path);
    ValidatedInput input = validate(InputContracts.PROCESS_VOLUMES, path, "parquet");
    assertEquals(List.of("date 2099-10-30 is in the future (after 2026-11-01: today, UTC, plus "
            + "quality.future_tolerance_days)",
        "volume 9223372036854775807 is above the plausible maximum 1000000000 (bounds.max_volume_per_day)"),
        input(input.rejected().select("reason").orderBy("reason")));
    assertEquals(7L, input.accepted().first().getLong(3));

    String surveys = dir.resolve("typedSurveys").toString();
    spark.sql("select 'R1' as response_id, 'pay' as step_id, timestamp'2026-10-30 10:00:00' as responded_at, "
        + "double('NaN') as satisfaction union all select 'R2', 'pay', timestamp'2026-10-30 10:00:00', 8.0d")
        .write().parquet(surveys);
    ValidatedInput s = validate(InputContracts.SURVEY_RESPONSES, surveys, "parquet");
    assertEquals(List.of("satisfaction 'NaN' is not a number (with a decimal point)"),
        input(s.rejected().select("reason")));
  }

  @Test
  void duplicatesKeepTheFirstRowByRawContentWhateverTheOrderOfTheInput() {
    String header =
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n";
    String a = "K1,C1,2026-10-30T10:00:00,phone,pay,question,x,,2";
    String b = "K1,C1,2026-10-30T10:00:00,phone,pay,question,x,,10";
    String invalid = "K1,C1,bad,phone,pay,question,x,,1";
    for (String csv : List.of(header + a + "\n" + b + "\n" + invalid + "\n", header + invalid + "\n" + b + "\n" + a
        + "\n")) {
      ValidatedInput input = validate(InputContracts.CONTACTS, csv);
      // By raw content "10" sorts before "2": the row with cost 10 is the one kept.
      assertEquals(List.of(10.0), input.accepted().select("cost_eur").as(Encoders.DOUBLE())
          .collectAsList());
      List<Row> rejected = input.rejected().orderBy("reason").collectAsList();
      assertEquals(2, rejected.size());
      assertTrue(rejected.get(0).getString(2).startsWith("contacted_at 'bad'"), rejected.get(0).getString(2));
      assertTrue(rejected.get(1).getString(1).contains("\"cost_eur\":\"2\""), "raw content: " + rejected.get(1));
      assertEquals("duplicate contact_id 'K1' (the first row is kept)", rejected.get(1).getString(2));
      assertEquals(3, input.rows().count(), "accepted + rejected = read");
    }
  }

  private static List<String> input(Dataset<Row> reasons) {
    return reasons.as(Encoders.STRING()).collectAsList();
  }

  @Test
  void missingRequiredColumnsStopTheRun() {
    Path file = TestConfigs.write(dir.resolve("c.csv"),
        "contact_id,contacted_at,chanel,contact_type\nK1,2026-10-30,phone,question\n");
    var contract = InputContracts.contacts(CONFIG);
    var e = assertThrows(SignalchainException.class,
        () -> InputReader.read(SharedSpark.session(), contract, new InputSpec(file.toString(), "csv")));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("lacks required column(s) channel"), e.getMessage());
    assertTrue(e.getMessage().contains("chanel"), "shows the columns it has: " + e.getMessage());
  }

  @Test
  void aMissingFileStopsTheRun() {
    var contract = InputContracts.contacts(CONFIG);
    var e = assertThrows(SignalchainException.class, () -> InputReader.read(SharedSpark.session(), contract,
        new InputSpec(dir.resolve("nope.csv").toString(), "csv")));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
  }

  @Test
  void anEmptyFileIsADataQualityFailure() {
    Path file = TestConfigs.write(dir.resolve("empty.csv"), "");
    var contract = InputContracts.contacts(CONFIG);
    var e = assertThrows(SignalchainException.class,
        () -> InputReader.read(SharedSpark.session(), contract, new InputSpec(file.toString(), "csv")));
    assertEquals(ExitCode.DATA_QUALITY, e.exitCode());
  }

  @Test
  void parquetWithTypedColumnsIsValidatedAndAWrongTypeStopsTheRun() {
    var spark = SharedSpark.session();
    String good = dir.resolve("v1").toString();
    spark.sql("select 'pay' as step_id, date'2026-10-30' as date, 'letter' as channel, 7L as volume "
        + "union all select 'pay', date'2026-10-30', 'letter', -1L").write().parquet(good);
    ValidatedInput input = validate(InputContracts.PROCESS_VOLUMES, good, "parquet");
    assertEquals(1, input.accepted().count());
    assertEquals(1, input.rejected().count());

    String bad = dir.resolve("v2").toString();
    spark.sql("select 'pay' as step_id, true as date, 'letter' as channel, 7L as volume").write().parquet(bad);
    var e = assertThrows(SignalchainException.class, () -> validate(InputContracts.PROCESS_VOLUMES, bad, "parquet"));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("column date is stored as boolean"), e.getMessage());
  }

  private Map<String, String> reasonsById(String source, String csv) {
    return reasonsById(validate(source, csv));
  }

  private static Map<String, String> reasonsById(ValidatedInput input) {
    Map<String, String> reasons = new HashMap<>();
    String id = input.source().equals(InputContracts.CONTACTS) ? "contact_id" : "response_id";
    long read = 0;
    for (Row r : input.rows().collectAsList()) {
      read++;
      String key = r.isNullAt(r.fieldIndex(id)) ? null : r.getString(r.fieldIndex(id));
      String record = r.getString(r.fieldIndex(Validation.RECORD));
      if (key == null && record == null) {
        continue; // an accepted contact: its id is checked, not kept
      }
      if (key == null && record.matches("^R\\d.*")) {
        key = record.substring(0, 2);
      }
      reasons.put(key, r.getString(r.fieldIndex(Validation.REASON)));
    }
    assertEquals(read, input.accepted().count() + input.rejected().count(), "accepted + rejected = read");
    return reasons;
  }

  private ValidatedInput validate(String source, String csv) {
    return validate(source, TestConfigs.write(dir.resolve(source + ".csv"), csv));
  }

  private ValidatedInput validate(String source, Path file) {
    return validate(source, file.toString(), "csv");
  }

  private ValidatedInput validate(String source, String path, String format) {
    var contract = InputContracts.forInput(source, CONFIG, TODAY);
    return Validation.validate(InputReader.read(SharedSpark.session(), contract, new InputSpec(path, format)),
        contract);
  }
}
