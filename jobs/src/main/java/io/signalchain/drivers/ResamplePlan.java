package io.signalchain.drivers;

import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.ImportanceBasis;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.ReplicateSums;
import java.io.Serializable;
import java.util.HashMap;

/**
 * What the second pass does with one step's listwise responses, fixed by the first pass: the rows
 * it takes (those that answered every {@code listwise} driver column), the driver columns in the
 * fitted model ({@code columns}, input order), the fit the HC3 meat needs, and the bootstrap: the
 * centre of outcome and model drivers (their means) the replicate sums are taken around, with the
 * number of replicates (0 = none) and the seed of the hashed Poisson counts and noise; and the
 * boxes of the penalty–reward dummies. {@code bootstrapBasis} is what the intervals are of. With
 * {@code bySegment} (segments and a bootstrap) each segment's rows also add to that segment's
 * replicate sums, for the difference in importance between the segment and the rest.
 */
record ResamplePlan(long listwise, int[] columns, Hc3Sandwich sandwich, double[] centre, int replicates, long seed,
    ImportanceBasis bootstrapBasis, double bottomBoxMax, double topBoxMin, boolean bySegment)
    implements Serializable {

  /** The same plan, with the replicate sums kept per segment as well. */
  ResamplePlan withSegments() {
    return new ResamplePlan(listwise, columns, sandwich, centre, replicates, seed, bootstrapBasis, bottomBoxMax,
        topBoxMin, replicates > 0);
  }

  boolean takes(long pattern) {
    return (pattern & listwise) == listwise;
  }

  /** Values per row in the replicate sums: outcome, the model's drivers and the noise. */
  int bootstrapVariables() {
    return columns.length + 2;
  }

  /** An empty accumulator for this plan. */
  ResampleSums emptySums() {
    return new ResampleSums(new double[sandwich.meatSize()],
        replicates == 0 || bySegment ? null : new ReplicateSums(bootstrapVariables()),
        new Moments(2 * columns.length + 1), null, bySegment ? new HashMap<>() : null, null);
  }
}
