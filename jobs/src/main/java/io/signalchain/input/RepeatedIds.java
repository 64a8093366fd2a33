package io.signalchain.input;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The 64-bit id hashes that occur more than once in an input. The hashes are distributed by
 * their value, and each partition sorts its own as an array of longs and keeps the values that
 * repeat. Counting them with Spark's grouping instead costs a hash table lookup per row on both
 * sides of the exchange (with unique ids, the map side's partial counts combine nothing): most of
 * a pass that reads a single column. A partition holds its hashes only, as many as an exchange
 * puts in one partition, so memory per task does not grow with the input.
 */
final class RepeatedIds {
  private RepeatedIds() {}

  /** One row per repeated hash of {@code hash} (null hashes are not ids), in a column named {@code name}. */
  static Dataset<Row> of(Dataset<Row> rows, Column hash, String name) {
    return rows.select(hash.as(name)).filter(col(name).isNotNull()).repartition(col(name))
        .mapPartitions((MapPartitionsFunction<Row, Long>) RepeatedIds::repeated, Encoders.LONG()).toDF(name);
  }

  private static Iterator<Long> repeated(Iterator<Row> rows) {
    long[] hashes = new long[1024];
    int n = 0;
    while (rows.hasNext()) {
      if (n == hashes.length) {
        hashes = Arrays.copyOf(hashes, n * 2);
      }
      hashes[n++] = rows.next().getLong(0);
    }
    Arrays.sort(hashes, 0, n);
    List<Long> repeated = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      if (hashes[i] == hashes[i - 1] && (i == 1 || hashes[i - 1] != hashes[i - 2])) {
        repeated.add(hashes[i]);
      }
    }
    return repeated.iterator();
  }
}
