package io.signalchain.drivers;

import io.signalchain.drivers.stats.Moments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Folds one partition's responses into moments per (unit, answered-driver pattern): no object per
 * row, no boxing. With {@code bySegment} (the block has segments) the unit is the step and the
 * segment joined by {@code separator}. The partials of all partitions are merged with
 * {@link Moments#merge}, which is exact whatever the order.
 */
final class PartitionMoments implements FlatMapFunction<Iterator<ResponseBlock>, PatternMoments> {
  private final boolean bySegment;
  private final String separator;

  PartitionMoments(boolean bySegment, String separator) {
    this.bySegment = bySegment;
    this.separator = separator;
  }

  @Override
  public Iterator<PatternMoments> call(Iterator<ResponseBlock> blocks) {
    List<PatternMoments> partials = new ArrayList<>();
    while (blocks.hasNext()) {
      fold(blocks.next(), partials);
    }
    return partials.iterator();
  }

  private void fold(ResponseBlock block, List<PatternMoments> partials) {
    int segments = bySegment ? block.segments.length : 1;
    // One map of patterns per (unit, segment) code, found by index, not by hashing the name.
    List<Map<Long, Pattern>> byKey = new ArrayList<>();
    for (int i = 0; i < block.units.length * segments; i++) {
      byKey.add(new HashMap<>());
    }
    for (int i = 0; i < block.size; i++) {
      int key = bySegment ? block.unit[i] * segments + block.segment[i] : block.unit[i];
      long pattern = block.pattern[i];
      Map<Long, Pattern> patterns = byKey.get(key);
      Pattern p = patterns.get(pattern);
      if (p == null) {
        p = new Pattern(new Moments(Long.bitCount(pattern) + 1));
        patterns.put(pattern, p);
      }
      double[] values = p.values;
      values[0] = block.outcome[i];
      int v = 1;
      for (long left = pattern; left != 0; left &= left - 1) {
        values[v++] = block.driver(i, Long.numberOfTrailingZeros(left));
      }
      p.moments.add(values, block.weight[i]);
    }
    for (int key = 0; key < byKey.size(); key++) {
      String unit = bySegment
          ? block.units[key / segments] + separator + block.segments[key % segments]
          : block.units[key];
      byKey.get(key).forEach((pattern, p) -> partials.add(new PatternMoments(unit, pattern, p.moments)));
    }
  }

  /** A pattern's moments and the row buffer its rows are read into. */
  private static final class Pattern {
    final Moments moments;
    final double[] values;

    Pattern(Moments moments) {
      this.moments = moments;
      this.values = new double[moments.variables()];
    }
  }
}
