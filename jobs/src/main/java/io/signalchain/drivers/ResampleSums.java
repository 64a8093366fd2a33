package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.ReplicateSums;
import java.io.Serializable;

/**
 * One step's sums from the second pass: the HC3 meat, the bootstrap replicates' sums (null
 * without a bootstrap) and the moments of outcome, bottom-box and top-box dummies of the model's
 * drivers (penalty–reward). Partial sums of any partitions combine exactly.
 */
record ResampleSums(double[] meat, ReplicateSums replicates, Moments boxes) implements Serializable {

  ResampleSums merge(ResampleSums other) {
    Hc3Sandwich.merge(meat, other.meat);
    if (replicates != null) {
      replicates.merge(other.replicates);
    }
    boxes.merge(other.boxes);
    return this;
  }
}
