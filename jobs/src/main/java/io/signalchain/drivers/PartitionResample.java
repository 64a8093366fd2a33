package io.signalchain.drivers;

import io.signalchain.drivers.stats.PoissonBootstrap;
import io.signalchain.drivers.stats.ReplicateSums;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * The second pass over one partition: each listwise row of a step with a plan adds itself to that
 * step's {@link ResampleSums}. Row layout as {@link PartitionMoments}: unit, pattern, outcome,
 * weight, then every driver column; then, with a bootstrap, the 64-bit hash of the response id;
 * then, with {@code segmentColumn}, the response's segment ("" for none), whose replicate sums the
 * row adds to instead of the step's (those are the sum of its segments').
 */
final class PartitionResample implements FlatMapFunction<Iterator<InternalRow>, Tuple2<String, ResampleSums>> {
  private static final int FIRST_DRIVER = 4;
  private final Map<String, ResamplePlan> plans;
  private final boolean segmentColumn;

  PartitionResample(Map<String, ResamplePlan> plans, boolean segmentColumn) {
    this.plans = plans;
    this.segmentColumn = segmentColumn;
  }

  @Override
  public Iterator<Tuple2<String, ResampleSums>> call(Iterator<InternalRow> rows) {
    Map<UTF8String, Unit> units = new HashMap<>();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      UTF8String key = row.getUTF8String(0);
      Unit unit = units.get(key);
      if (unit == null) {
        String name = key.toString();
        ResamplePlan plan = plans.get(name);
        unit = plan == null ? Unit.NONE : new Unit(name, plan);
        units.put(key.clone(), unit);
      }
      if (unit == Unit.NONE || !unit.plan.takes(row.getLong(1))) {
        continue;
      }
      double w = row.getDouble(3);
      if (w == 0) {
        continue;
      }
      int[] columns = unit.plan.columns();
      for (int j = 0; j < columns.length; j++) {
        unit.x[j] = row.getDouble(FIRST_DRIVER + columns[j]);
      }
      double y = row.getDouble(2);
      ResamplePlan plan = unit.plan;
      plan.sandwich().add(unit.sums.meat(), y, unit.x, w, unit.scratch);
      double[] boxes = unit.boxes;
      boxes[0] = y;
      for (int j = 0; j < columns.length; j++) {
        boxes[j + 1] = unit.x[j] <= plan.bottomBoxMax() ? 1 : 0;
        boxes[j + 1 + columns.length] = unit.x[j] >= plan.topBoxMin() ? 1 : 0;
      }
      unit.sums.boxes().add(boxes, w);
      if (plan.replicates() > 0) {
        int last = row.numFields() - 1;
        long id = row.getLong(segmentColumn ? last - 1 : last);
        double[] d = unit.deviation;
        double[] centre = plan.centre();
        d[0] = y - centre[0];
        for (int j = 0; j < columns.length; j++) {
          d[j + 1] = unit.x[j] - centre[j + 1];
        }
        d[columns.length + 1] = PoissonBootstrap.noise(plan.seed(), id);
        int bucket = ReplicateSums.bucket(plan.seed(), id);
        if (plan.bySegment()) {
          UTF8String segment = row.getUTF8String(last);
          ReplicateSums own = unit.segments.get(segment);
          if (own == null) {
            own = unit.sums.segment(segment.toString(), plan.bootstrapVariables());
            unit.segments.put(segment.clone(), own);
          }
          own.add(d, w, bucket);
        } else {
          unit.sums.replicates().add(d, w, bucket);
        }
      }
    }
    List<Tuple2<String, ResampleSums>> out = new ArrayList<>();
    units.values().stream().filter(u -> u != Unit.NONE).forEach(u -> out.add(new Tuple2<>(u.name, u.sums)));
    return out.iterator();
  }

  /** A step's plan, sums and per-row scratch space within one partition. */
  private static final class Unit {
    static final Unit NONE = new Unit(null, null);
    final String name;
    final ResamplePlan plan;
    final ResampleSums sums;
    final double[] x;
    final double[] scratch;
    final double[] deviation;
    final double[] boxes;
    /** The segments' replicate sums of this partition, by the row's segment bytes (no string per row). */
    final Map<UTF8String, ReplicateSums> segments = new HashMap<>();

    Unit(String name, ResamplePlan plan) {
      this.name = name;
      this.plan = plan;
      this.sums = plan == null ? null : plan.emptySums();
      this.x = plan == null ? null : new double[plan.columns().length];
      this.scratch = plan == null ? null : new double[plan.columns().length + 1];
      int v = plan == null ? 0 : plan.bootstrapVariables();
      this.deviation = new double[v];
      this.boxes = new double[plan == null ? 0 : 2 * plan.columns().length + 1];
    }
  }
}
