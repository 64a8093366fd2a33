package io.signalchain.drivers.stats;

import java.io.Serializable;

/**
 * Weighted sums of one step's listwise rows for a Poisson bootstrap, by bucket: each row falls in
 * one of {@link #BUCKETS} buckets by a hash of its response id and adds {@code w (1, d)(1, d)ᵀ}
 * (packed) to that bucket, where {@code d} is the row's values minus a fixed centre (the full
 * sample's means, so raw sums do not cancel). Replicate r weights every bucket b with the
 * Poisson(1) count {@code c(b, r)} hashed from the seed: its sums are {@code Σ_b c(b, r) S_b} and
 * {@link #moments} turns them into {@link Moments}.
 *
 * <p>A bucket's rows share their count. That is the Poisson bootstrap of the buckets, which are
 * random (hash-assigned) groups of responses, so each is an independent sample of the step's
 * responses: it estimates the same sampling distribution as drawing a count per response, and a
 * step with fewer responses than buckets has (almost) one response per bucket. It keeps the work
 * per row that of one moment update, whatever the number of replicates, and the partial sums of
 * any partitions add up exactly, so partitioning and row order do not change a replicate.
 */
public final class ReplicateSums implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Buckets per step. */
  public static final int BUCKETS = 256;

  private final int variables;
  private final int packed;
  private final long[] counts;
  private final double[][] sums;

  /** @param variables values per row (outcome, drivers, noise) */
  public ReplicateSums(int variables) {
    this.variables = variables;
    int q = variables + 1;
    this.packed = q * (q + 1) / 2;
    this.counts = new long[BUCKETS];
    this.sums = new double[BUCKETS][];
  }

  /** Values per row (outcome, drivers, noise). */
  public int variables() {
    return variables;
  }

  /** The bucket of a response (a 64-bit hash of its id). */
  public static int bucket(long seed, long id) {
    return (int) Long.remainderUnsigned(PoissonBootstrap.mix(id ^ PoissonBootstrap.mix(seed)), BUCKETS);
  }

  /**
   * Adds one row to its bucket.
   *
   * @param deviation the row's values minus the centre
   */
  public void add(double[] deviation, double w, int bucket) {
    double[] s = sums[bucket];
    if (s == null) {
      s = new double[packed];
      sums[bucket] = s;
    }
    int idx = 0;
    s[idx++] += w;
    for (int j = 0; j < variables; j++) {
      s[idx++] += w * deviation[j];
    }
    for (int i = 0; i < variables; i++) {
      double a = w * deviation[i];
      for (int j = i; j < variables; j++) {
        s[idx++] += a * deviation[j];
      }
    }
    counts[bucket]++;
  }

  public ReplicateSums merge(ReplicateSums other) {
    if (other.variables != variables) {
      throw new IllegalArgumentException("Cannot merge replicate sums of different shapes");
    }
    for (int b = 0; b < BUCKETS; b++) {
      counts[b] += other.counts[b];
      if (other.sums[b] == null) {
        continue;
      }
      if (sums[b] == null) {
        sums[b] = other.sums[b].clone();
      } else {
        for (int k = 0; k < packed; k++) {
          sums[b][k] += other.sums[b][k];
        }
      }
    }
    return this;
  }

  /** The sums of the rows of these sums that are not in {@code part} (a subset of them): this − part. */
  public ReplicateSums minus(ReplicateSums part) {
    if (part.variables != variables) {
      throw new IllegalArgumentException("Cannot subtract replicate sums of different shapes");
    }
    ReplicateSums out = new ReplicateSums(variables);
    for (int b = 0; b < BUCKETS; b++) {
      out.counts[b] = counts[b] - part.counts[b];
      if (sums[b] == null) {
        continue;
      }
      out.sums[b] = sums[b].clone();
      if (part.sums[b] != null) {
        for (int k = 0; k < packed; k++) {
          out.sums[b][k] -= part.sums[b][k];
        }
      }
    }
    return out;
  }

  /** The moments of all the rows (every bucket counted once) around {@code centre}. */
  public Moments all(double[] centre) {
    double[] s = new double[packed];
    long count = 0;
    for (int b = 0; b < BUCKETS; b++) {
      if (sums[b] == null) {
        continue;
      }
      count += counts[b];
      for (int k = 0; k < packed; k++) {
        s[k] += sums[b][k];
      }
    }
    return Moments.fromCentredSums(count, centre, s);
  }

  /** The moments of replicate {@code r} around {@code centre} (the centre the rows were taken from). */
  public Moments moments(long seed, int r, double[] centre) {
    double[] s = new double[packed];
    long count = 0;
    for (int b = 0; b < BUCKETS; b++) {
      if (sums[b] == null) {
        continue;
      }
      int c = PoissonBootstrap.count(seed, b, r);
      if (c == 0) {
        continue;
      }
      count += c * counts[b];
      double[] bucket = sums[b];
      for (int k = 0; k < packed; k++) {
        s[k] += c * bucket[k];
      }
    }
    return Moments.fromCentredSums(count, centre, s);
  }
}
