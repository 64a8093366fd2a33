package io.signalchain.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny CSV data set, generated once, checked against the input contract and the options. */
class SampleGeneratorTest {
  private static final LocalDate END = LocalDate.of(2026, 10, 31);
  /** 1,000 responses, 3,000 contacts, 30 days: enough rows for every broken kind to occur. */
  private static final GenerateOptions TINY = new GenerateOptions("unused", 0.001, 7L, "csv", END, 30, 3.0);

  @TempDir static Path dir;
  private static GenerateSummary summary;
  private static List<Row> surveys;
  private static List<Row> contacts;
  private static List<Row> volumes;
  private static Set<String> journey;

  @BeforeAll
  static void generate() {
    summary = SampleGenerator.generate(SharedSpark.session(), at(dir.resolve("a"), TINY.seed()));
    surveys = GeneratorFixtures.readCsv(dir.resolve("a/survey_responses.csv"));
    contacts = GeneratorFixtures.readCsv(dir.resolve("a/contacts.csv"));
    volumes = GeneratorFixtures.readCsv(dir.resolve("a/process_volumes.csv"));
    journey = GeneratorFixtures.journey().keySet();
  }

  private static GenerateOptions at(Path out, long seed) {
    return new GenerateOptions(out.toString(), TINY.scale(), seed, "csv", TINY.endDate(), TINY.days(),
        TINY.contactsPerResponse());
  }

  @Test
  void sameSeedGivesByteIdenticalFilesForAnyPartitioningAndAnotherSeedDoesNot() throws IOException {
    SampleGenerator.generate(SharedSpark.session(), at(dir.resolve("b"), TINY.seed()), 5);
    SampleGenerator.generate(SharedSpark.session(), at(dir.resolve("c"), TINY.seed() + 1));
    for (String f : List.of("survey_responses.csv", "contacts.csv", "process_volumes.csv")) {
      byte[] a = Files.readAllBytes(dir.resolve("a").resolve(f));
      assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(f)), f);
      assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(f))), f);
    }
    assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve("improvement_actions.csv")),
        Files.readAllBytes(dir.resolve("b").resolve("improvement_actions.csv")), "the planted actions");
    assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve("follow_up_outcomes.csv")),
        Files.readAllBytes(dir.resolve("b").resolve("follow_up_outcomes.csv")), "the outcomes");
    // Only the five files: no temp folders, no checksum files.
    try (var files = Files.list(dir.resolve("a"))) {
      assertEquals(Set.of("survey_responses.csv", "contacts.csv", "process_volumes.csv", "improvement_actions.csv",
          "follow_up_outcomes.csv"), files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  @Test
  void theCommittedSampleIsWhatItsReadmeCommandProduces(@TempDir Path out) throws IOException {
    Path samples = Files.exists(Path.of("data-samples")) ? Path.of("data-samples") : Path.of("../data-samples");
    SampleGenerator.generate(SharedSpark.session(),
        new GenerateOptions(out.toString(), 0.02, 42L, "csv", END, 120, 1.5));
    for (String f : List.of("survey_responses.csv", "contacts.csv", "process_volumes.csv", "improvement_actions.csv",
        "follow_up_outcomes.csv")) {
      assertArrayEquals(Files.readAllBytes(samples.resolve(f)), Files.readAllBytes(out.resolve(f)),
          f + " differs: regenerate data-samples with the command in data-samples/README.md");
    }
  }

  @Test
  void headersFollowTheInputContract() {
    String drivers = PlantedEffects.DRIVERS.stream().map(d -> ",driver_" + d).collect(Collectors.joining());
    assertEquals("response_id,customer_id,step_id,channel,responded_at,satisfaction,nps,effort,weight,segment,"
        + "retention_intent"
        + drivers,
        GeneratorFixtures.header(dir.resolve("a/survey_responses.csv")));
    assertEquals("contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur",
        GeneratorFixtures.header(dir.resolve("a/contacts.csv")));
    assertEquals("step_id,date,channel,volume", GeneratorFixtures.header(dir.resolve("a/process_volumes.csv")));
  }

  @Test
  void rowCountsFollowTheScale() {
    assertEquals(1_000, summary.surveyResponses());
    assertEquals(3_000, summary.contacts());
    long pairs = PlantedEffects.STEPS.values().stream()
        .flatMapToDouble(p -> Arrays.stream(p.completionMix())).filter(m -> m > 0).count();
    assertEquals(30 * pairs, summary.processVolumes());
    assertEquals(summary.surveyResponses(), surveys.size());
    assertEquals(summary.contacts(), contacts.size());
    assertEquals(summary.processVolumes(), volumes.size());
    assertEquals(dir.resolve("a/contacts.csv").toString(), summary.files().get("contacts"));
  }

  @Test
  void stepIdsComeFromTheJourneyExceptThePlantedUnknownOnes() {
    Set<String> unknownPlanted = new HashSet<>(List.of(SurveyRows.UNKNOWN_STEP_IDS));
    unknownPlanted.addAll(List.of(ContactRows.UNKNOWN_STEP_IDS));
    unknownPlanted.addAll(List.of(VolumeRows.UNKNOWN_STEP_IDS));
    assertTrue(unknownPlanted.stream().noneMatch(journey::contains));
    Set<String> used = new HashSet<>();
    for (List<Row> rows : List.of(surveys, contacts, volumes)) {
      rows.stream().map(r -> r.<String>getAs("step_id")).filter(s -> s != null).forEach(used::add);
    }
    Set<String> unknown = used.stream().filter(s -> !journey.contains(s)).collect(Collectors.toSet());
    assertTrue(unknownPlanted.containsAll(unknown), "unexpected step ids " + unknown);
    Set<String> surveyed = surveys.stream().map(r -> r.<String>getAs("step_id")).collect(Collectors.toSet());
    assertTrue(surveyed.containsAll(GeneratorFixtures.leafSteps()), "every leaf step gets responses");
  }

  @Test
  void timestampsAndDatesFallInThePeriod() {
    LocalDateTime from = END.minusDays(29).atStartOfDay();
    LocalDateTime to = END.plusDays(1).atStartOfDay();
    long inPeriod = surveys.stream().map(r -> timestamp(r.getAs("responded_at")))
        .filter(t -> t != null && !t.isBefore(from) && t.isBefore(to)).count();
    assertTrue(inPeriod > 0.97 * surveys.size());
    assertTrue(volumes.stream().map(r -> date(r.getAs("date"))).filter(d -> d != null)
        .allMatch(d -> !d.isBefore(END.minusDays(29)) && !d.isAfter(END)));
  }

  @Test
  void everyBrokenSurveyKindOccurs() {
    Map<SurveyRows.Broken, Predicate<Row>> checks = new EnumMap<>(SurveyRows.Broken.class);
    checks.put(SurveyRows.Broken.BAD_TIMESTAMP, r -> r.getAs("responded_at") != null
        && timestamp(r.getAs("responded_at")) == null);
    checks.put(SurveyRows.Broken.BAD_NUMBER, r -> numericColumns(r).stream().anyMatch(v -> v != null
        && !GeneratorFixtures.parsesAsDouble(v)));
    checks.put(SurveyRows.Broken.SATISFACTION_OUT_OF_SCALE, r -> outside(r.getAs("satisfaction"), 1, 10));
    checks.put(SurveyRows.Broken.NPS_OUT_OF_RANGE, r -> outside(r.getAs("nps"), 0, 10));
    checks.put(SurveyRows.Broken.DRIVER_OUT_OF_SCALE, r -> PlantedEffects.DRIVERS.stream()
        .anyMatch(d -> outside(r.getAs("driver_" + d), 1, 10)));
    checks.put(SurveyRows.Broken.WEIGHT_NOT_POSITIVE, r -> outside(r.getAs("weight"), Double.MIN_VALUE,
        Double.MAX_VALUE));
    checks.put(SurveyRows.Broken.UNKNOWN_STEP, r -> r.getAs("step_id") != null
        && !journey.contains(r.<String>getAs("step_id")));
    checks.put(SurveyRows.Broken.MISSING_RESPONSE_ID, r -> r.getAs("response_id") == null);
    checks.put(SurveyRows.Broken.MISSING_STEP_ID, r -> r.getAs("step_id") == null);
    checks.put(SurveyRows.Broken.MISSING_SATISFACTION, r -> r.getAs("satisfaction") == null);
    checks.put(SurveyRows.Broken.MISSING_RESPONDED_AT, r -> r.getAs("responded_at") == null);
    assertEquals(EnumSet.complementOf(EnumSet.of(SurveyRows.Broken.DUPLICATE_RESPONSE_ID)), checks.keySet());
    long broken = assertEachOccurs(surveys, checks);
    long duplicates = surveys.size() - surveys.stream().map(r -> r.getAs("response_id")).filter(id -> id != null)
        .distinct().count()
        - surveys.stream().filter(r -> r.getAs("response_id") == null).count();
    assertTrue(duplicates > 0, "duplicate response ids");
    assertBrokenShare(broken + duplicates, surveys.size());
  }

  @Test
  void everyBrokenContactKindOccurs() {
    Set<String> channels = Set.copyOf(PlantedEffects.CHANNELS);
    Map<ContactRows.Broken, Predicate<Row>> checks = new EnumMap<>(ContactRows.Broken.class);
    checks.put(ContactRows.Broken.BAD_TIMESTAMP, r -> r.getAs("contacted_at") != null
        && timestamp(r.getAs("contacted_at")) == null);
    checks.put(ContactRows.Broken.BAD_NUMBER, r -> unparsable(r.getAs("handling_seconds"))
        || unparsable(r.getAs("cost_eur")));
    checks.put(ContactRows.Broken.UNKNOWN_CHANNEL, r -> !channels.contains(r.<String>getAs("channel")));
    checks.put(ContactRows.Broken.NEGATIVE_COST, r -> outside(r.getAs("cost_eur"), 0, Double.MAX_VALUE));
    checks.put(ContactRows.Broken.NEGATIVE_HANDLING, r -> outside(r.getAs("handling_seconds"), 0, Double.MAX_VALUE));
    checks.put(ContactRows.Broken.MISSING_CONTACT_TYPE, r -> r.getAs("contact_type") == null);
    checks.put(ContactRows.Broken.MISSING_CONTACT_ID, r -> r.getAs("contact_id") == null);
    checks.put(ContactRows.Broken.MISSING_CONTACTED_AT, r -> r.getAs("contacted_at") == null);
    checks.put(ContactRows.Broken.UNKNOWN_STEP, r -> r.getAs("step_id") != null
        && !journey.contains(r.<String>getAs("step_id")));
    assertEquals(EnumSet.complementOf(EnumSet.of(ContactRows.Broken.DUPLICATE_CONTACT_ID)), checks.keySet());
    long broken = assertEachOccurs(contacts, checks);
    long duplicates = contacts.size() - contacts.stream().map(r -> r.getAs("contact_id")).filter(id -> id != null)
        .distinct().count()
        - contacts.stream().filter(r -> r.getAs("contact_id") == null).count();
    assertTrue(duplicates > 0, "duplicate contact ids");
    assertBrokenShare(broken + duplicates, contacts.size());
    // Unclassified contacts are not broken: about 8% have no step, plus the contacts the planted
    // action ACT-002 prevented (30% of report_fault's, the whole tiny period being after its start).
    double unclassified = contacts.stream().filter(r -> r.getAs("step_id") == null).count() / (double) contacts.size();
    double weights = PlantedEffects.STEPS.values().stream().mapToDouble(PlantedEffects.StepProfile::contactWeight)
        .sum();
    var action = PlantedEffects.actionOn("report_fault");
    double prevented = (1 - PlantedEffects.UNCLASSIFIED_CONTACT_SHARE)
        * PlantedEffects.STEPS.get(action.stepId()).contactWeight() / weights * action.contactReduction();
    assertEquals(PlantedEffects.UNCLASSIFIED_CONTACT_SHARE + prevented, unclassified, 0.02);
  }

  @Test
  void everyBrokenVolumeKindOccurs() {
    Map<VolumeRows.Broken, Predicate<Row>> checks = new EnumMap<>(VolumeRows.Broken.class);
    checks.put(VolumeRows.Broken.BAD_DATE, r -> r.getAs("date") != null && date(r.getAs("date")) == null);
    checks.put(VolumeRows.Broken.BAD_NUMBER, r -> unparsable(r.getAs("volume")));
    checks.put(VolumeRows.Broken.NEGATIVE_VOLUME, r -> outside(r.getAs("volume"), 0, Double.MAX_VALUE));
    checks.put(VolumeRows.Broken.MISSING_DATE, r -> r.getAs("date") == null);
    checks.put(VolumeRows.Broken.UNKNOWN_STEP, r -> !journey.contains(r.<String>getAs("step_id")));
    assertEquals(EnumSet.allOf(VolumeRows.Broken.class), checks.keySet());
    assertBrokenShare(assertEachOccurs(volumes, checks), volumes.size());
  }

  @Test
  void parquetHasTypedColumns(@TempDir Path out) {
    var spark = SharedSpark.session();
    GenerateSummary s = SampleGenerator.generate(spark,
        new GenerateOptions(out.toString(), 0.0002, 3L, "parquet", END, 7, 2.0));
    StructType sv = spark.read().parquet(out.resolve("survey_responses").toString()).schema();
    assertType(sv, "responded_at", DataTypes.TimestampType);
    assertType(sv, "satisfaction", DataTypes.DoubleType);
    assertType(sv, "nps", DataTypes.IntegerType);
    assertType(sv, "effort", DataTypes.DoubleType);
    assertType(sv, "weight", DataTypes.DoubleType);
    assertType(sv, "driver_ease", DataTypes.DoubleType);
    assertType(sv, "response_id", DataTypes.StringType);
    StructType ct = spark.read().parquet(out.resolve("contacts").toString()).schema();
    assertType(ct, "contacted_at", DataTypes.TimestampType);
    assertType(ct, "handling_seconds", DataTypes.DoubleType);
    assertType(ct, "cost_eur", DataTypes.DoubleType);
    StructType vt = spark.read().parquet(out.resolve("process_volumes").toString()).schema();
    assertType(vt, "date", DataTypes.DateType);
    assertType(vt, "volume", DataTypes.LongType);
    assertEquals(200, spark.read().parquet(s.files().get("survey_responses")).count());
    assertEquals(400, spark.read().parquet(s.files().get("contacts")).count());
    assertEquals(s.processVolumes(), spark.read().parquet(s.files().get("process_volumes")).count());
    // Timestamps keep the generated wall clock (UTC) and stay within the period.
    Row range = spark.read().parquet(s.files().get("survey_responses"))
        .selectExpr("min(responded_at)", "max(responded_at)").first();
    assertTrue(range.getTimestamp(0).toInstant().toString().startsWith("2026-10-2"));
    assertTrue(range.getTimestamp(1).toInstant().toString().startsWith("2026-10-3"));
  }

  private static void assertType(StructType schema, String column, DataType type) {
    assertEquals(type, schema.apply(column).dataType(), column);
  }

  /** Asserts every check matches some row; returns how many rows match any check. */
  private static <K> long assertEachOccurs(List<Row> rows, Map<K, Predicate<Row>> checks) {
    checks.forEach((kind, check) -> assertTrue(rows.stream().anyMatch(check), "no row of kind " + kind));
    return rows.stream().filter(r -> checks.values().stream().anyMatch(c -> c.test(r))).count();
  }

  private static void assertBrokenShare(long broken, long rows) {
    double share = broken / (double) rows;
    assertTrue(share >= 0.008 && share <= 0.025, "broken share " + share);
  }

  private static List<String> numericColumns(Row r) {
    List<String> values = new ArrayList<>();
    for (String c : List.of("satisfaction", "nps", "effort", "weight")) {
      values.add(r.getAs(c));
    }
    PlantedEffects.DRIVERS.forEach(d -> values.add(r.getAs("driver_" + d)));
    return values;
  }

  private static boolean unparsable(String v) {
    return v != null && !GeneratorFixtures.parsesAsDouble(v);
  }

  private static boolean outside(String v, double min, double max) {
    if (v == null || !GeneratorFixtures.parsesAsDouble(v)) {
      return false;
    }
    double d = Double.parseDouble(v);
    return d < min || d > max;
  }

  private static LocalDateTime timestamp(String v) {
    try {
      return v == null ? null : LocalDateTime.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate date(String v) {
    try {
      return v == null ? null : LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
