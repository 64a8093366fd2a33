package io.signalchain.drivers.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighted sums of one step's listwise rows for a Poisson bootstrap, by bucket: each row falls in
 * one of {@link #BUCKETS} buckets by a hash of its response id and adds {@code w (1, d)(1, d)ᵀ}
 * (packed) to that bucket, where {@code d} is the row's values minus a fixed centre (the full
 * sample's means, so raw sums do not cancel). Replicate r weights every bucket b with the
 * Poisson(1) count {@code c(b, r)} hashed from the seed: its sums are {@code Σ_b c(b, r) S_b} and
 * {@link #draw} computes them for every replicate at once.
 *
 * <p>A bucket's rows share their count. That is the Poisson bootstrap of the buckets, which are
 * random (hash-assigned) groups of responses, so each is an independent sample of the step's
 * responses: it estimates the same sampling distribution as drawing a count per response, and a
 * step with fewer responses than buckets has (almost) one response per bucket. It keeps the work
 * per row that of one moment update, whatever the number of replicates, and the partial sums of
 * any partitions add up exactly, so partitioning and row order do not change a replicate.
 */
public final class ReplicateSums implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Buckets per step. */
  public static final int BUCKETS = 256;

  private final int variables;
  private final int packed;
  private final long[] counts;
  /** Bucket b's packed sums at {@code [b · packed, (b + 1) · packed)}: one array, cheap to ship and size. */
  private final double[] sums;

  /** @param variables values per row (outcome, drivers, noise) */
  public ReplicateSums(int variables) {
    this.variables = variables;
    int q = variables + 1;
    this.packed = q * (q + 1) / 2;
    this.counts = new long[BUCKETS];
    this.sums = new double[BUCKETS * packed];
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
    double[] s = sums;
    int idx = bucket * packed;
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
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] += other.sums[k];
    }
    return this;
  }

  /** The moments of all the rows (every bucket counted once) around {@code centre}. */
  public Moments all(double[] centre) {
    double[] s = new double[packed];
    long count = 0;
    for (int b = 0; b < BUCKETS; b++) {
      count += counts[b];
      for (int k = 0, idx = b * packed; k < packed; k++) {
        s[k] += sums[idx++];
      }
    }
    return Moments.fromCentredSums(count, centre, s);
  }

  /**
   * The raw sums of every replicate of {@code counts}: {@code Σ_b c(b, r) S_b}, bucket by bucket, each
   * bucket's sums added to the replicates that draw it (a third draw none).
   */
  public Drawn draw(Counts counts) {
    int replicates = counts.replicates();
    long[] n = new long[replicates];
    double[][] out = new double[replicates][packed];
    for (int b = 0; b < BUCKETS; b++) {
      if (this.counts[b] == 0) {
        continue;
      }
      byte[] drawn = counts.of(b);
      int base = b * packed;
      for (int r = 0; r < replicates; r++) {
        int c = drawn[r];
        if (c == 0) {
          continue;
        }
        n[r] += c * this.counts[b];
        double[] s = out[r];
        for (int k = 0; k < packed; k++) {
          s[k] += c * sums[base + k];
        }
      }
    }
    return new Drawn(n, out);
  }

  /** Every bucket's Poisson(1) count in each of the first replicates of a seed: one hash per bucket and replicate. */
  public static final class Counts {
    /** The counts last drawn: every step of a run has the same seed and replicates. */
    private static volatile Counts last;

    private final long seed;
    private final byte[][] byBucket;

    /** The counts of a seed, computed once for consecutive steps with the same seed and replicates. */
    public static Counts of(long seed, int replicates) {
      Counts counts = last;
      if (counts == null || counts.seed != seed || counts.replicates() != replicates) {
        counts = new Counts(seed, replicates);
        last = counts;
      }
      return counts;
    }

    public Counts(long seed, int replicates) {
      this.seed = seed;
      byBucket = new byte[BUCKETS][replicates];
      for (int b = 0; b < BUCKETS; b++) {
        for (int r = 0; r < replicates; r++) {
          byBucket[b][r] = (byte) PoissonBootstrap.count(seed, b, r);
        }
      }
    }

    int replicates() {
      return byBucket[0].length;
    }

    byte[] of(int bucket) {
      return byBucket[bucket];
    }
  }

  /**
   * The raw sums of a set of replicates: rows counted ({@code count[r]}, with multiplicity) and the
   * packed sums around the centre ({@code sums[r]}, as {@link Moments#fromCentredSums} takes them).
   */
  public record Drawn(long[] count, double[][] sums) {
    /** The replicates of the rows of these sums that are not in {@code part} (drawn from a subset of them). */
    public Drawn minus(Drawn part) {
      long[] n = count.clone();
      double[][] s = new double[sums.length][];
      for (int r = 0; r < sums.length; r++) {
        n[r] -= part.count[r];
        s[r] = sums[r].clone();
        for (int k = 0; k < s[r].length; k++) {
          s[r][k] -= part.sums[r][k];
        }
      }
      return new Drawn(n, s);
    }

    public Moments moments(int r, double[] centre) {
      return Moments.fromCentredSums(count[r], centre, sums[r]);
    }

    /** Every replicate's moments, in order. */
    public List<Moments> moments(double[] centre) {
      List<Moments> out = new ArrayList<>(sums.length);
      for (int r = 0; r < sums.length; r++) {
        out.add(moments(r, centre));
      }
      return out;
    }
  }
}
