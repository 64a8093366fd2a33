package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.ReplicateSums;
import io.signalchain.drivers.stats.ImportanceIntervals;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One step's sums from the second pass: the HC3 meat, the bootstrap replicates' sums (null
 * without a bootstrap) and the moments of outcome, bottom-box and top-box dummies of the model's
 * drivers (penalty–reward). Partial sums of any partitions combine exactly. Once combined, the
 * replicates are {@link #summarised} into the importance intervals on the executor.
 */
record ResampleSums(double[] meat, ReplicateSums replicates, Moments boxes, ImportanceIntervals intervals)
    implements Serializable {

  ResampleSums merge(ResampleSums other) {
    Hc3Sandwich.merge(meat, other.meat);
    if (replicates != null) {
      replicates.merge(other.replicates);
    }
    boxes.merge(other.boxes);
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
    return new ResampleSums(meat, null, boxes, ImportanceIntervals.of(moments, plan.bootstrapBasis()));
  }
}
