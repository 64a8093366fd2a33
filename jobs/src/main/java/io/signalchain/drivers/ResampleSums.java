package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.ImportanceDifference;
import io.signalchain.drivers.stats.ImportanceIntervals;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.ReplicateSums;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * One step's sums from the second pass: the HC3 meat, the bootstrap replicates' sums and the
 * moments of outcome, bottom-box and top-box dummies of the model's drivers (penalty–reward).
 * Without segments every row adds to {@code replicates}; with them ({@code segments}, by segment,
 * "" for the responses without one) each row adds to its segment's sums only, and the step's are
 * their sum. Partial sums of any partitions combine exactly. Once combined, the replicates are
 * {@link #summarised} into the importance intervals on the executor, and each segment's replicates
 * against the rest's (the step's minus the segment's) into the {@code differences} of importance.
 */
record ResampleSums(double[] meat, ReplicateSums replicates, Moments boxes, ImportanceIntervals intervals,
    Map<String, ReplicateSums> segments, Map<String, ImportanceDifference> differences) implements Serializable {

  /** The replicate sums of one segment's rows (created on its first row). */
  ReplicateSums segment(String name, int variables) {
    return segments.computeIfAbsent(name, s -> new ReplicateSums(variables));
  }

  ResampleSums merge(ResampleSums other) {
    Hc3Sandwich.merge(meat, other.meat);
    if (replicates != null) {
      replicates.merge(other.replicates);
    }
    boxes.merge(other.boxes);
    if (segments != null) {
      other.segments.forEach((name, sums) -> {
        ReplicateSums own = segments.get(name);
        if (own == null) {
          segments.put(name, sums);
        } else {
          own.merge(sums);
        }
      });
    }
    return this;
  }

  /** The combined sums with the replicates turned into importance intervals (none without a bootstrap). */
  ResampleSums summarised(ResamplePlan plan) {
    if (plan.replicates() == 0) {
      return this;
    }
    ReplicateSums.Counts counts = ReplicateSums.Counts.of(plan.seed(), plan.replicates());
    double[] centre = plan.centre();
    ReplicateSums step = replicates;
    if (segments != null) {
      step = new ReplicateSums(plan.bootstrapVariables());
      segments.values().forEach(step::merge);
    }
    ReplicateSums.Drawn drawn = step.draw(counts);
    Map<String, ImportanceDifference> byName = null;
    if (segments != null) {
      byName = new HashMap<>();
      for (var e : segments.entrySet()) {
        if (e.getKey().isEmpty()) {
          continue;
        }
        ReplicateSums rest = new ReplicateSums(plan.bootstrapVariables());
        segments.forEach((name, sums) -> {
          if (!name.equals(e.getKey())) {
            rest.merge(sums);
          }
        });
        ReplicateSums.Drawn own = e.getValue().draw(counts);
        byName.put(e.getKey(), ImportanceDifference.of(e.getValue().all(centre), rest.all(centre),
            own.moments(centre), drawn.minus(own).moments(centre), plan.columns().length, plan.bootstrapBasis()));
      }
    }
    return new ResampleSums(meat, null, boxes, ImportanceIntervals.of(drawn.moments(centre), plan.bootstrapBasis()),
        null, byName);
  }
}
