package io.signalchain.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.drivers.stats.Moments;
import io.signalchain.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What reaches the driver is bounded by the answers' shapes, not by the data's partitioning:
 * 12,000 responses of 3 steps over 400 partitions, 40 driver columns each missing at random 30 %
 * of the time (each response takes one of 60 random missing-answer patterns, so patterns recur in
 * every partition, as they do in real exports). Each partition folds its own partials; the
 * driver must receive at most one per (step, pattern), and the moments must equal a plain
 * single-threaded fold of the same rows.
 */
class DriverStagePartialsTest {
  static final int PARTITIONS = 400;
  static final int DRIVERS = 40;
  static final int ROWS = 12_000;
  static final int PATTERNS = 60;
  static final List<String> UNITS = List.of("step_a", "step_b", "step_c");
  static final List<String> COLUMNS = new ArrayList<>();
  static final Map<String, Map<Long, Moments>> EXPECTED = new HashMap<>();
  static Dataset<Row> surveys;

  @BeforeAll
  static void responses() {
    SplittableRandom random = new SplittableRandom(16);
    long[] patterns = new long[PATTERNS];
    for (int p = 0; p < PATTERNS; p++) {
      for (int d = 0; d < DRIVERS; d++) {
        patterns[p] |= random.nextDouble() < 0.3 ? 0L : 1L << d;
      }
    }
    StructType schema = new StructType().add("unit_id", DataTypes.StringType).add("satisfaction", DataTypes.DoubleType)
        .add("weight", DataTypes.DoubleType);
    for (int d = 0; d < DRIVERS; d++) {
      COLUMNS.add("driver_" + d);
      schema = schema.add("driver_" + d, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String unit = UNITS.get(random.nextInt(UNITS.size()));
      long pattern = patterns[random.nextInt(PATTERNS)];
      Object[] row = new Object[3 + DRIVERS];
      row[0] = unit;
      row[1] = 1.0 + random.nextInt(10);
      row[2] = 0.5 + random.nextDouble();
      double[] values = new double[Long.bitCount(pattern) + 1];
      values[0] = (Double) row[1];
      for (int d = 0, v = 1; d < DRIVERS; d++) {
        if ((pattern & (1L << d)) != 0) {
          row[3 + d] = 1.0 + random.nextInt(10);
          values[v++] = (Double) row[3 + d];
        }
      }
      rows.add(RowFactory.create(row));
      EXPECTED.computeIfAbsent(unit, u -> new HashMap<>())
          .computeIfAbsent(pattern, p -> new Moments(Long.bitCount(p) + 1)).add(values, (Double) row[2]);
    }
    surveys = SharedSpark.session().createDataFrame(rows, schema).repartition(PARTITIONS);
  }

  @Test
  void theDriverReceivesAtMostOnePartialPerStepAndPattern() {
    int keys = EXPECTED.values().stream().mapToInt(Map::size).sum();
    assertEquals(PARTITIONS, surveys.rdd().getNumPartitions());
    long perPartition = DriverStage.partitionPartials(surveys, "satisfaction", COLUMNS).count();
    List<PatternMoments> received = DriverStage.aggregate(surveys, "satisfaction", COLUMNS);

    // 400 partitions of ~30 rows each fold ~30 partials: collecting them would bring ~12,000 to the driver
    assertTrue(perPartition > 20L * keys, perPartition + " partials over the partitions for " + keys + " keys");
    assertTrue(received.size() <= keys, received.size() + " partials reached the driver for " + keys + " keys");
    Set<String> distinct = new HashSet<>();
    received.forEach(p -> assertTrue(distinct.add(p.unit() + "/" + p.pattern()), "one partial per key"));
    assertEquals(keys, received.size(), "every (step, pattern) of the data is there");
  }

  @Test
  void theCombinedMomentsEqualOneFoldOfTheRows() {
    for (PatternMoments p : DriverStage.aggregate(surveys, "satisfaction", COLUMNS)) {
      Moments expected = EXPECTED.get(p.unit()).get(p.pattern());
      assertNotNull(expected, p.unit() + "/" + p.pattern());
      Moments actual = p.moments();
      assertEquals(expected.count(), actual.count());
      assertClose(expected.weightSum(), actual.weightSum());
      double[] em = expected.means();
      double[] am = actual.means();
      for (int i = 0; i < em.length; i++) {
        assertClose(em[i], am[i]);
      }
      assertEquals(expected.variables(), actual.variables());
      for (int i = 0; i < em.length; i++) {
        for (int j = i; j < em.length; j++) {
          assertClose(expected.comoment(i, j), actual.comoment(i, j));
        }
      }
    }
  }

  private static void assertClose(double expected, double actual) {
    assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.max(1.0, Math.abs(expected)),
        "expected " + expected + " but was " + actual);
  }
}
