package io.signalchain.drivers.stats;

/** Whether a driver takes part in its step's model, and if not, why. */
public enum DriverStatus {
  /** In the model (its estimates are NaN only when the model itself has no fit). */
  INCLUDED,
  /** Dropped: (practically) every weighted response gives it the same score. */
  DROPPED_CONSTANT,
  /**
   * Dropped like R's {@code lm} drops an aliased column: the driver is (almost) a linear combination
   * of drivers listed before it, so its coefficient is not identifiable.
   */
  DROPPED_ALIASED
}
