package io.signalchain.drivers;

import io.signalchain.drivers.stats.PoissonBootstrap;
import io.signalchain.drivers.stats.ReplicateSums;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * The second pass over one partition: each listwise row of a step with a plan adds itself to that
 * step's {@link ResampleSums}: its HC3 term, its box dummies and, with a bootstrap, its bucket's
 * replicate sums: the step's, or with segments those of the row's segment ("" for none; the step's
 * are then the sum of its segments').
 */
final class PartitionResample implements FlatMapFunction<Iterator<ResponseBlock>, Tuple2<String, ResampleSums>> {
  private final Map<String, ResamplePlan> plans;

  PartitionResample(Map<String, ResamplePlan> plans) {
    this.plans = plans;
  }

  @Override
  public Iterator<Tuple2<String, ResampleSums>> call(Iterator<ResponseBlock> blocks) {
    List<Tuple2<String, ResampleSums>> out = new ArrayList<>();
    while (blocks.hasNext()) {
      ResponseBlock block = blocks.next();
      Unit[] units = new Unit[block.units.length];
      for (int u = 0; u < units.length; u++) {
        ResamplePlan plan = plans.get(block.units[u]);
        units[u] = plan == null ? null : new Unit(plan, block.segments == null ? 0 : block.segments.length);
      }
      for (int i = 0; i < block.size; i++) {
        Unit unit = units[block.unit[i]];
        if (unit != null && unit.plan.takes(block.pattern[i]) && block.weight[i] != 0) {
          add(block, i, unit);
        }
      }
      for (int u = 0; u < units.length; u++) {
        if (units[u] != null) {
          out.add(new Tuple2<>(block.units[u], units[u].finished()));
        }
      }
    }
    return out.iterator();
  }

  private static void add(ResponseBlock block, int i, Unit unit) {
    ResamplePlan plan = unit.plan;
    int[] columns = plan.columns();
    double[] x = unit.x;
    for (int j = 0; j < columns.length; j++) {
      x[j] = block.driver(i, columns[j]);
    }
    double y = block.outcome[i];
    double w = block.weight[i];
    plan.sandwich().add(unit.sums.meat(), y, x, w, unit.scratch);
    unit.boxes.add(y, x, w);
    if (plan.replicates() == 0) {
      return;
    }
    long id = block.idHash[i];
    double[] d = unit.deviation;
    double[] centre = plan.centre();
    d[0] = y - centre[0];
    for (int j = 0; j < columns.length; j++) {
      d[j + 1] = x[j] - centre[j + 1];
    }
    d[columns.length + 1] = PoissonBootstrap.noise(plan.seed(), id);
    int bucket = ReplicateSums.bucket(plan.seed(), id);
    if (plan.bySegment()) {
      int segment = block.segment[i];
      ReplicateSums own = unit.segments[segment];
      if (own == null) {
        own = unit.sums.segment(block.segments[segment], plan.bootstrapVariables());
        unit.segments[segment] = own;
      }
      own.add(d, w, bucket);
    } else {
      unit.sums.replicates().add(d, w, bucket);
    }
  }

  /** A step's plan, sums and per-row scratch space within one partition. */
  private static final class Unit {
    final ResamplePlan plan;
    final ResampleSums sums;
    final double[] x;
    final double[] scratch;
    final double[] deviation;
    final BoxSums boxes;
    /** The segments' replicate sums of this partition, by the block's segment code. */
    final ReplicateSums[] segments;

    Unit(ResamplePlan plan, int segments) {
      this.plan = plan;
      this.sums = plan.emptySums();
      this.x = new double[plan.columns().length];
      this.scratch = new double[plan.columns().length + 1];
      this.deviation = new double[plan.bootstrapVariables()];
      this.boxes = new BoxSums(plan);
      this.segments = new ReplicateSums[segments];
    }

    /** The partition's sums, with the box dummies' moments. */
    ResampleSums finished() {
      sums.boxes().merge(boxes.moments());
      return sums;
    }
  }
}
