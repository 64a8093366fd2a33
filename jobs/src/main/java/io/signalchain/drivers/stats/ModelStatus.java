package io.signalchain.drivers.stats;

/**
 * Outcome of one driver model. Only {@link #OK} and {@link #PERFECT_FIT} carry estimates; every
 * other status comes with an explanation and leaves the estimates NaN.
 */
public enum ModelStatus {
  /** Model fitted; all reported numbers are valid. */
  OK,
  /** No rows with positive weight. */
  NO_DATA,
  /** No drivers were asked, or every driver was dropped as constant or aliased. */
  NO_DRIVERS,
  /** The outcome has (practically) no variance, so there is nothing to explain. */
  CONSTANT_OUTCOME,
  /**
   * Fewer responses than required: the configured minimum, and at least 10 per driver that remains
   * in the model (whichever is larger).
   */
  TOO_FEW_RESPONSES,
  /**
   * The drivers reproduce the outcome exactly (1 − R² below 1e-10): coefficients, R² and importance
   * are reported, but standard errors, t, p, intervals and F are NaN because the residual variance
   * is zero.
   */
  PERFECT_FIT
}
