package io.signalchain.drivers;

import io.signalchain.drivers.stats.Moments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Folds one partition's rows into moments per (unit, answered-driver pattern), reading Spark's
 * internal rows directly: no object per row, no boxing. Row layout: unit, pattern, outcome,
 * weight, then every driver column (null where not answered). The partials of all partitions are
 * merged with {@link Moments#merge}, which is exact whatever the order.
 */
final class PartitionMoments implements FlatMapFunction<Iterator<InternalRow>, PatternMoments> {
  private static final int FIRST_DRIVER = 4;

  @Override
  public Iterator<PatternMoments> call(Iterator<InternalRow> rows) {
    Map<UTF8String, Map<Long, Moments>> byUnit = new HashMap<>();
    Map<Moments, double[]> scratch = new HashMap<>();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      UTF8String unit = row.getUTF8String(0);
      Map<Long, Moments> patterns = byUnit.get(unit);
      if (patterns == null) {
        patterns = new HashMap<>();
        byUnit.put(unit.clone(), patterns);
      }
      long pattern = row.getLong(1);
      Moments moments = patterns.get(pattern);
      if (moments == null) {
        moments = new Moments(Long.bitCount(pattern) + 1);
        patterns.put(pattern, moments);
        scratch.put(moments, new double[moments.variables()]);
      }
      double[] values = scratch.get(moments);
      values[0] = row.getDouble(2);
      for (int i = FIRST_DRIVER, v = 1; i < row.numFields(); i++) {
        if (!row.isNullAt(i)) {
          values[v++] = row.getDouble(i);
        }
      }
      moments.add(values, row.getDouble(3));
    }
    List<PatternMoments> partials = new ArrayList<>();
    byUnit.forEach((unit, patterns) -> patterns.forEach(
        (pattern, moments) -> partials.add(new PatternMoments(unit.toString(), pattern, moments))));
    return partials.iterator();
  }
}
