package io.signalchain.drivers.stats;

import java.io.Serializable;

/**
 * Weighted sums of one step's listwise rows in every bootstrap replicate: per replicate r the
 * count {@code Σ cᵣ}, and {@code Σ cᵣ w (1, d)(1, d)ᵀ} packed, where {@code cᵣ} is the row's
 * Poisson(1) count and {@code d} its values minus a fixed centre (the full sample's means, so the
 * raw sums do not cancel). {@link #moments} turns a replicate's sums into {@link Moments}.
 * Partial sums of any partitions add up exactly.
 */
public final class ReplicateSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int variables;
  private final int replicates;
  private final int packed;
  private final long[] counts;
  private final double[] sums;

  /**
   * @param variables values per row (outcome, drivers, noise)
   * @param replicates bootstrap replicates
   */
  public ReplicateSums(int variables, int replicates) {
    this.variables = variables;
    this.replicates = replicates;
    int q = variables + 1;
    this.packed = q * (q + 1) / 2;
    this.counts = new long[replicates];
    this.sums = new double[replicates * packed];
  }

  /**
   * Adds one row to every replicate it is drawn into.
   *
   * @param deviation the row's values minus the centre
   * @param outer scratch space of {@code (variables + 1)(variables + 2)/2} doubles
   */
  public void add(double[] deviation, double w, long seed, long id, double[] outer) {
    int idx = 0;
    for (int i = -1; i < variables; i++) {
      double a = i < 0 ? w : w * deviation[i];
      for (int j = i; j < variables; j++) {
        outer[idx++] = j < 0 ? a : a * deviation[j];
      }
    }
    for (int r = 0; r < replicates; r++) {
      int c = PoissonBootstrap.count(seed, id, r);
      if (c == 0) {
        continue;
      }
      counts[r] += c;
      int base = r * packed;
      for (int k = 0; k < packed; k++) {
        sums[base + k] += c * outer[k];
      }
    }
  }

  public ReplicateSums merge(ReplicateSums other) {
    if (other.variables != variables || other.replicates != replicates) {
      throw new IllegalArgumentException("Cannot merge replicate sums of different shapes");
    }
    for (int r = 0; r < replicates; r++) {
      counts[r] += other.counts[r];
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] += other.sums[k];
    }
    return this;
  }

  public int replicates() {
    return replicates;
  }

  /** The moments of replicate {@code r} around {@code centre} (the centre the rows were taken from). */
  public Moments moments(int r, double[] centre) {
    double[] s = new double[packed];
    System.arraycopy(sums, r * packed, s, 0, packed);
    return Moments.fromCentredSums(counts[r], centre, s);
  }
}
