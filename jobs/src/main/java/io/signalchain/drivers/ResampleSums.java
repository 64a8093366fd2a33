package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.ReplicateSums;
import java.io.Serializable;

/**
 * One step's sums from the second pass: the HC3 meat and the bootstrap replicates' sums (null
 * without a bootstrap). Partial sums of any partitions add up exactly.
 */
record ResampleSums(double[] meat, ReplicateSums replicates) implements Serializable {

  ResampleSums merge(ResampleSums other) {
    Hc3Sandwich.merge(meat, other.meat);
    if (replicates != null) {
      replicates.merge(other.replicates);
    }
    return this;
  }
}
