package io.signalchain.drivers.stats;

/**
 * The penalty–reward (Kano) class of a driver: which side of its scale moves the outcome. A side
 * counts when its effect is positive and significant (two-sided p &lt; 0.05).
 */
public enum AsymmetryClass {
  /** A must-have: a low rating costs satisfaction, a high one adds nothing significant. */
  BASIC,
  /** A delighter: a high rating adds satisfaction, a low one costs nothing significant. */
  EXCITEMENT,
  /** Both sides count: more is better, less is worse. */
  PERFORMANCE,
  /** Neither side has a significant effect. */
  NONE,
  /** No penalty–reward model (too few responses, or a box nobody answered in). */
  NOT_CLASSIFIED
}
