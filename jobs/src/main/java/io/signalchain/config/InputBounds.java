package io.signalchain.config;

/**
 * The plausibility bounds of the numeric input fields whose values legitimately vary between
 * organisations (the scales bound the survey answers). A value beyond its bound is rejected with
 * the bound's key: one absurd value (a cost of 1e308, a volume of 2^63) must never decide what
 * is published.
 *
 * @param maxCostEur the highest cost_eur of one contact (bounds.max_cost_eur)
 * @param maxWeight the highest survey weight (bounds.max_weight)
 * @param maxHandlingSeconds the longest handling time of one contact (bounds.max_handling_seconds)
 * @param maxVolumePerDay the highest volume of one process_volumes row (bounds.max_volume_per_day)
 */
public record InputBounds(double maxCostEur, double maxWeight, double maxHandlingSeconds, long maxVolumePerDay) {
  public static final String MAX_COST_EUR = "bounds.max_cost_eur";
  public static final String MAX_WEIGHT = "bounds.max_weight";
  public static final String MAX_HANDLING_SECONDS = "bounds.max_handling_seconds";
  public static final String MAX_VOLUME_PER_DAY = "bounds.max_volume_per_day";

  /** The defaults of docs/configuration.md. */
  public static InputBounds defaults() {
    return new InputBounds(10_000, 1_000, 86_400, 1_000_000_000L);
  }
}
