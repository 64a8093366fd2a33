package io.signalchain.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.DriverOutcome;
import io.signalchain.config.DriverSettings;
import io.signalchain.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments: step 'differs' plants a different slope of driver a in segment 'business' (0.2
 * against 0.8 in 'consumer'); in step 'same' both segments share one model; segment 'tiny' has 6
 * responses; some responses have no segment (they count for the step, not for a segment).
 */
class DriverSegmentsTest {
  static DriverTables tables;
  static DriverTables unsegmented;
  static DriverTables bootstrapped;

  @BeforeAll
  static void analyse() {
    SplittableRandom random = new SplittableRandom(17);
    List<Row> rows = new ArrayList<>();
    add(rows, random, "differs", "consumer", 400, 0.8);
    add(rows, random, "differs", "business", 400, 0.2);
    add(rows, random, "same", "consumer", 400, 0.5);
    add(rows, random, "same", "business", 400, 0.5);
    add(rows, random, "same", "tiny", 6, 0.5);
    add(rows, random, "same", null, 50, 0.5);
    StructType schema = new StructType().add("unit_id", DataTypes.StringType).add("segment", DataTypes.StringType)
        .add("satisfaction", DataTypes.DoubleType).add("weight", DataTypes.DoubleType)
        .add("driver_a", DataTypes.DoubleType).add("driver_b", DataTypes.DoubleType)
        .add("response_id", DataTypes.StringType);
    Dataset<Row> surveys = SharedSpark.session().createDataFrame(rows, schema).repartition(3);
    List<String> drivers = List.of("driver_a", "driver_b");
    var off = DriverSettings.Bootstrap.off();
    tables = DriverStage.analyse(surveys, drivers, List.of("differs", "same"), new DriverSettings(
        DriverOutcome.SATISFACTION, 30, 0.5, 20, Map.of(), off, DriverSettings.Asymmetry.DEFAULT, true));
    bootstrapped = DriverStage.analyse(surveys, drivers, List.of("differs", "same"), new DriverSettings(
        DriverOutcome.SATISFACTION, 30, 0.5, 20, Map.of(), new DriverSettings.Bootstrap(200, 14, 7L),
        DriverSettings.Asymmetry.DEFAULT, true));
    unsegmented = DriverStage.analyse(surveys, drivers, List.of("differs", "same"), new DriverSettings(
        DriverOutcome.SATISFACTION, 30, 0.5, 20, Map.of(), off, DriverSettings.Asymmetry.DEFAULT, false));
  }

  static void add(List<Row> rows, SplittableRandom random, String unit, String segment, int n, double betaA) {
    for (int i = 0; i < n; i++) {
      double a = 5 + 2 * random.nextGaussian();
      double b = 5 + 2 * random.nextGaussian();
      double y = 1 + betaA * a + 0.3 * b + random.nextGaussian();
      rows.add(RowFactory.create(unit, segment, y, 0.5 + random.nextDouble(), a, b, unit + segment + i));
    }
  }

  static Row segment(String unit, String segment) {
    return tables.segments().filter("step_id = '" + unit + "' and segment = '" + segment + "'").first();
  }

  @Test
  void aPlantedDifferenceIsFoundAndNoneWhereThereIsNone() {
    Row differs = segment("differs", "business");
    assertEquals("OK", differs.getAs("status"));
    assertTrue(differs.<Double>getAs("chow_p_value") < 1e-10, differs.toString());
    assertTrue(differs.<Boolean>getAs("differs"));
    assertEquals(3, (int) differs.getAs("chow_df1"));
    assertEquals(800 - 6, (int) differs.getAs("chow_df2"));
    assertEquals(400L, (long) differs.getAs("n"));
    assertEquals(400L, (long) differs.getAs("rest_n"));
    Row same = segment("same", "consumer");
    assertEquals("OK", same.getAs("status"));
    assertTrue(same.<Double>getAs("chow_p_value") > 0.05, same.toString());
    assertFalse(same.<Boolean>getAs("differs"));
    assertEquals(456L, (long) same.getAs("rest_n"), "the rest: the other segments, not the responses without one");
  }

  /**
   * The difference in importance, from the step's bootstrap replicates: in 'differs' a carries
   * 0.8² · 4 = 2.56 of the explained variance against b's 0.3² · 4 = 0.36 among consumers (a's
   * share 88 %) but 0.2² · 4 = 0.16 against 0.36 in business (31 %): business weighs a about 57
   * points less than the rest. In 'same' every segment shares the model.
   */
  @Test
  void theDifferenceInImportanceHasABootstrapIntervalThatExcludesZeroOnlyWhereItIsPlanted() {
    Row differs = bootstrapped.segments().filter("step_id = 'differs' and segment = 'business'").first();
    assertEquals("a", differs.getAs("importance_driver"), "with two drivers both differ equally; a comes first");
    double difference = differs.getAs("importance_difference");
    double low = differs.getAs("importance_difference_ci_lower");
    double high = differs.getAs("importance_difference_ci_upper");
    assertTrue(low < difference && difference < high, low + " < " + difference + " < " + high);
    assertTrue(high < 0, "the interval excludes 0: " + low + " to " + high);
    assertTrue(low < -57 && -57 < high, "holds the planted −57 points: " + low + " to " + high);
    assertTrue(differs.<Double>getAs("importance_difference_p_adjusted") <= 0.05);
    assertTrue(differs.<Boolean>getAs("importance_differs"));
    for (Row same : bootstrapped.segments().filter("step_id = 'same' and status = 'OK'").collectAsList()) {
      double sameLow = same.getAs("importance_difference_ci_lower");
      double sameHigh = same.getAs("importance_difference_ci_upper");
      assertTrue(sameLow < 0 && 0 < sameHigh, same.getAs("segment") + ": " + sameLow + " to " + sameHigh);
      assertFalse(same.<Boolean>getAs("importance_differs"), same.toString());
    }
    Row tiny = bootstrapped.segments().filter("step_id = 'same' and segment = 'tiny'").first();
    assertNull(tiny.getAs("importance_difference"), "no model, no comparison");
    assertNull(tiny.getAs("importance_differs"));
    Row withoutBootstrap = segment("differs", "business");
    assertNull(withoutBootstrap.getAs("importance_difference"), "no bootstrap, no interval");
    assertEquals(segment("differs", "business").<Double>getAs("chow_f"), differs.<Double>getAs("chow_f"), 1e-9,
        "the Chow test does not depend on the bootstrap");
  }

  @Test
  void aSegmentTooSmallGetsAStatusAndNoTest() {
    Row tiny = segment("same", "tiny");
    assertEquals("TOO_FEW_RESPONSES", tiny.getAs("status"));
    assertNull(tiny.getAs("chow_f"));
    assertNull(tiny.getAs("differs"));
    assertTrue(tiny.<String>getAs("explanation").contains("6 responses"), tiny.<String>getAs("explanation"));
  }

  @Test
  void theStepsOwnModelsAreTheSameWithSegments() {
    for (String unit : List.of("differs", "same")) {
      Row with = tables.models().filter("step_id = '" + unit + "'").first();
      Row without = unsegmented.models().filter("step_id = '" + unit + "'").first();
      assertEquals((long) without.getAs("n"), (long) with.getAs("n"));
      assertEquals(without.<Double>getAs("r2"), with.<Double>getAs("r2"), 1e-12);
    }
    assertEquals(0, unsegmented.segments().count(), "no segments unless configured");
    assertEquals(5, tables.segments().count(), "two segments in 'differs', three in 'same'");
  }
}
