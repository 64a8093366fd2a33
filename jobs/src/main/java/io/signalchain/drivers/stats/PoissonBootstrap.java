package io.signalchain.drivers.stats;

/**
 * The random numbers of the Poisson bootstrap, drawn from a hash of (seed, response, replicate)
 * instead of a random stream: every response gets the same Poisson(1) count in a replicate
 * whatever the partitioning, the order of rows or the run, so a rerun is identical.
 */
public final class PoissonBootstrap {
  /** P(X ≤ c) of Poisson(1) for c = 0..12 (beyond that 1 − 1e-10 is exceeded). */
  private static final double[] CUMULATIVE = new double[13];

  static {
    double p = Math.exp(-1);
    double sum = 0;
    for (int c = 0; c < CUMULATIVE.length; c++) {
      sum += p;
      CUMULATIVE[c] = sum;
      p /= c + 1;
    }
  }

  private PoissonBootstrap() {}

  /** The Poisson(1) count of response {@code id} (a 64-bit hash of its id) in {@code replicate}. */
  public static int count(long seed, long id, int replicate) {
    double u = uniform(mix(seed ^ mix(id + 0x9E3779B97F4A7C15L * (replicate + 1))));
    int c = 0;
    while (c < CUMULATIVE.length && u > CUMULATIVE[c]) {
      c++;
    }
    return c;
  }

  /**
   * The standard normal value of response {@code id} for the noise driver (Box–Muller on two
   * hashed uniforms): the same in every replicate, as a real driver's rating is.
   */
  public static double noise(long seed, long id) {
    long h = mix(seed * 31 + mix(id ^ 0x632BE59BD9B4E019L));
    double u1 = (uniform(h) + 0x1.0p-54);
    double u2 = uniform(mix(h));
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** SplitMix64's finaliser: a bijection of 64-bit values that spreads every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The top 53 bits as a uniform in [0, 1). */
  private static double uniform(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
