package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import java.io.Serializable;

/** One step's sums from the second pass: the HC3 meat. Partial sums of any partitions add up exactly. */
record ResampleSums(double[] meat) implements Serializable {

  ResampleSums merge(ResampleSums other) {
    Hc3Sandwich.merge(meat, other.meat);
    return this;
  }
}
