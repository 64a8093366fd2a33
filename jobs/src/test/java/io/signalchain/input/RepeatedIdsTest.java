package io.signalchain.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The repeated id hashes, against Spark's own count per hash. */
class RepeatedIdsTest {
  private static final StructType SCHEMA = new StructType().add("h", DataTypes.LongType);

  @Test
  void everyHashThatOccursMoreThanOnceOnceAndNoOther() {
    Random random = new Random(16);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      // Hashes from a range small enough for thousands of repeats, some three or more times;
      // the extreme values and null (a row without an id) too.
      rows.add(RowFactory.create(i % 997 == 0 ? null : random.nextLong(60_000) - 30_000));
    }
    rows.addAll(List.of(RowFactory.create(Long.MIN_VALUE), RowFactory.create(Long.MIN_VALUE),
        RowFactory.create(Long.MAX_VALUE)));
    Dataset<Row> hashes = SharedSpark.session().createDataFrame(rows, SCHEMA).repartition(7);

    Set<Long> expected = new TreeSet<>(hashes.filter(col("h").isNotNull()).groupBy("h").agg(count(lit(1)).as("n"))
        .filter(col("n").gt(1)).select("h").as(Encoders.LONG()).collectAsList());
    List<Long> found = RepeatedIds.of(hashes, col("h"), "_repeated").select("_repeated")
        .as(Encoders.LONG()).collectAsList();

    assertEquals(expected.size(), found.size(), "each repeated hash once");
    assertEquals(expected, new TreeSet<>(found));
    assertTrue(expected.contains(Long.MIN_VALUE) && !expected.contains(Long.MAX_VALUE));
    assertTrue(expected.size() > 10_000, "the test has repeats to find: " + expected.size());
  }
}
