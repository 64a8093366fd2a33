package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import java.io.Serializable;

/**
 * What the second pass does with one step's listwise responses, fixed by the first pass: the rows
 * it takes (those that answered every {@code listwise} driver column), the driver columns in the
 * fitted model ({@code columns}, input order), and the fit the HC3 meat needs ({@code sandwich};
 * null when the model has no residual variance to estimate).
 */
record ResamplePlan(long listwise, int[] columns, Hc3Sandwich sandwich) implements Serializable {

  boolean takes(long pattern) {
    return (pattern & listwise) == listwise;
  }

  /** An empty accumulator for this plan. */
  ResampleSums emptySums() {
    return new ResampleSums(sandwich == null ? new double[0] : new double[sandwich.meatSize()]);
  }
}
