package io.signalchain.config;

import java.util.List;
import java.util.Map;

/**
 * Settings of the driver analysis: the outcome regressed on the drivers, the minimum number of
 * complete responses per unit, the answer share that makes a driver column part of a unit, the
 * largest driver count for exact Shapley, and optional fixed driver lists per step.
 */
public record DriverSettings(DriverOutcome outcome, int minResponses, double minAnswerShare, int maxShapleyDrivers,
    Map<String, List<String>> perStep) {
  /** Beyond this the 2^k subset table of exact Shapley does not fit a sensible heap (2^26 doubles = 512 MiB). */
  public static final int MAX_EXACT_SHAPLEY_DRIVERS = 26;

  public DriverSettings {
    perStep = Map.copyOf(perStep);
  }
}
