package io.signalchain.generate;

import java.util.SplittableRandom;

/**
 * Per-row randomness. Every generated row draws from its own generator seeded from (seed,
 * stream, row id), so a row's content depends on nothing else: the output is the same for any
 * number of partitions or executors, and a row can be regenerated anywhere (duplicates do).
 */
final class RowRandom {
  private RowRandom() {}

  /** Streams keep the inputs (and the broken-row plan) independent of each other. */
  static final long SURVEYS = 0x5157_0001L;
  static final long CONTACTS = 0x5157_0002L;
  static final long VOLUMES = 0x5157_0003L;
  static final long BROKEN = 0x5157_0004L;
  static final long OUTCOMES = 0x5157_0005L;

  static SplittableRandom forRow(long seed, long stream, long id) {
    return new SplittableRandom(mix64(mix64(seed * 0x9E3779B97F4A7C15L + stream) + id));
  }

  /** A well-mixed 64-bit hash (the SplitMix64 finaliser). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Index drawn with probability proportional to the (non-negative) weights. */
  static int pick(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0 && weights[i] > 0) {
        return i;
      }
    }
    for (int i = weights.length - 1; i >= 0; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("all weights are zero");
  }

  /** Zipf-like weights 1/rank: a few reasons dominate, as in real contact registrations. */
  static double[] zipf(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1.0 / (i + 1);
    }
    return w;
  }

  /** One row in every block of {@value #BROKEN_STRIDE} rows is broken: about 1.5%. */
  static final long BROKEN_STRIDE = 67;

  /**
   * The broken kind (0 … kinds−1) planted in row {@code id}, or −1 for a clean row. Exactly one
   * row per block of {@link #BROKEN_STRIDE} rows, at a seeded offset; consecutive blocks cycle
   * through the kinds, so every kind occurs as soon as there are kinds × stride rows.
   */
  static int brokenKind(long seed, long stream, long id, int kinds) {
    long block = id / BROKEN_STRIDE;
    long offset = Math.floorMod(mix64(mix64(seed + BROKEN) + stream * 0x632BE59BD9B4E019L + block), BROKEN_STRIDE);
    if (id % BROKEN_STRIDE != offset) {
      return -1;
    }
    return (int) Math.floorMod(block + mix64(seed ^ stream), (long) kinds);
  }

  static long clip(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }
}
