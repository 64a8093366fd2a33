package io.signalchain.config;

import java.util.List;
import java.util.Map;

/**
 * Settings of the driver analysis: the outcome regressed on the drivers, the minimum number of
 * complete responses per unit, the answer share that makes a driver column part of a unit, the
 * largest driver count for exact Shapley, optional fixed driver lists per step, and the bootstrap
 * of the importance, the penalty–reward boxes, and whether every step is also fitted per segment.
 */
public record DriverSettings(DriverOutcome outcome, int minResponses, double minAnswerShare, int maxShapleyDrivers,
    Map<String, List<String>> perStep, Bootstrap bootstrap, Asymmetry asymmetry, boolean segments) {
  /** Beyond this the 2^k subset table of exact Shapley does not fit a sensible heap (2^26 doubles = 512 MiB). */
  public static final int MAX_EXACT_SHAPLEY_DRIVERS = 26;

  public DriverSettings {
    perStep = Map.copyOf(perStep);
  }

  /** The settings with the default bootstrap and boxes. */
  public DriverSettings(DriverOutcome outcome, int minResponses, double minAnswerShare, int maxShapleyDrivers,
      Map<String, List<String>> perStep) {
    this(outcome, minResponses, minAnswerShare, maxShapleyDrivers, perStep, Bootstrap.DEFAULT);
  }

  /** The settings with the default boxes. */
  public DriverSettings(DriverOutcome outcome, int minResponses, double minAnswerShare, int maxShapleyDrivers,
      Map<String, List<String>> perStep, Bootstrap bootstrap) {
    this(outcome, minResponses, minAnswerShare, maxShapleyDrivers, perStep, bootstrap, Asymmetry.DEFAULT, false);
  }

  /**
   * The boxes of the penalty–reward analysis: a rating at most {@code bottomBoxMax} is in the
   * bottom box, at least {@code topBoxMin} in the top box, anything between is the reference.
   */
  public record Asymmetry(double bottomBoxMax, double topBoxMin) {
    /** On the default 1–10 driver scale: 1–5 bottom, 6–8 middle, 9–10 top. */
    public static final Asymmetry DEFAULT = new Asymmetry(5, 9);

    public Asymmetry {
      if (!(bottomBoxMax < topBoxMin)) {
        throw new IllegalArgumentException("the bottom box must end below the top box: " + bottomBoxMax + " ≥ "
            + topBoxMin);
      }
    }
  }

  /**
   * The Poisson bootstrap of the importance.
   *
   * @param replicates replicates per step; 0 = no bootstrap
   * @param maxShapleyDrivers above this many drivers in a model the intervals are of the relative
   *     weights (each replicate of Shapley costs 2^(k+1) subset fits)
   * @param seed the seed of the hashed Poisson counts and noise values
   */
  public record Bootstrap(int replicates, int maxShapleyDrivers, long seed) {
    public static final Bootstrap DEFAULT = new Bootstrap(200, 14, 20261031L);
    /** Most replicates a step may have (the sums of every replicate travel to the driver). */
    public static final int MAX_REPLICATES = 10_000;

    public static Bootstrap off() {
      return new Bootstrap(0, DEFAULT.maxShapleyDrivers, DEFAULT.seed);
    }

    public boolean enabled() {
      return replicates > 0;
    }
  }
}
