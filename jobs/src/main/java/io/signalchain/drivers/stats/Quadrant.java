package io.signalchain.drivers.stats;

/**
 * Place of a driver on the importance–performance grid of its step. See {@link
 * DriverAnalysis#analyse} for where the grid is split.
 */
public enum Quadrant {
  /** High importance, high performance: keep it up. */
  KEY_STRENGTH,
  /** High importance, low performance: where improvement pays most. */
  PRIORITY_TO_IMPROVE,
  /** Low importance, high performance. */
  SECONDARY_STRENGTH,
  /** Low importance, low performance. */
  LOW_PRIORITY,
  /** Not placed: the driver was dropped or the model has no importance figures. */
  NOT_CLASSIFIED
}
