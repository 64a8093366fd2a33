package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.ImportanceDifference;
import io.signalchain.drivers.stats.ImportanceIntervals;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.ReplicateSums;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One step's sums from the second pass: the HC3 meat, the bootstrap replicates' sums (null
 * without a bootstrap) and the moments of outcome, bottom-box and top-box dummies of the model's
 * drivers (penalty–reward). Partial sums of any partitions combine exactly. Once combined, the
 * replicates are {@link #summarised} into the importance intervals on the executor, and, with
 * segments, each segment's replicate sums ({@code segments}, by segment) against the rest's (the
 * step's minus the segment's) into the {@code differences} of importance.
 */
record ResampleSums(double[] meat, ReplicateSums replicates, Moments boxes, ImportanceIntervals intervals,
    Map<String, ReplicateSums> segments, Map<String, ImportanceDifference> differences) implements Serializable {

  /** The replicate sums of one segment's rows (created on its first row). */
  ReplicateSums segment(String name) {
    return segments.computeIfAbsent(name, s -> new ReplicateSums(replicates.variables()));
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

  /** The combined sums with the replicates turned into importance intervals (null without a bootstrap). */
  ResampleSums summarised(ResamplePlan plan) {
    if (replicates == null) {
      return this;
    }
    List<Moments> moments = new ArrayList<>();
    for (int r = 0; r < plan.replicates(); r++) {
      moments.add(replicates.moments(plan.seed(), r, plan.centre()));
    }
    Map<String, ImportanceDifference> byName = null;
    if (segments != null) {
      byName = new HashMap<>();
      for (var e : segments.entrySet()) {
        ReplicateSums rest = replicates.minus(e.getValue());
        List<Moments> own = new ArrayList<>();
        List<Moments> others = new ArrayList<>();
        for (int r = 0; r < plan.replicates(); r++) {
          own.add(e.getValue().moments(plan.seed(), r, plan.centre()));
          others.add(rest.moments(plan.seed(), r, plan.centre()));
        }
        byName.put(e.getKey(), ImportanceDifference.of(e.getValue().all(plan.centre()), rest.all(plan.centre()), own,
            others, plan.columns().length, plan.bootstrapBasis()));
      }
    }
    return new ResampleSums(meat, null, boxes, ImportanceIntervals.of(moments, plan.bootstrapBasis()), null, byName);
  }
}
