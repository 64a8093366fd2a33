package io.signalchain.actions;

/** Where the measurement of an action's effect on one metric stands. */
public enum EffectStatus {
  /** The post-period has not passed yet: the figures so far, not the effect. */
  MEASURING,
  /** No effect can be estimated, for the reason given (too few responses, no passes, no comparison step, …). */
  INSUFFICIENT_DATA,
  /** Both periods complete, enough data, and comparison steps: the difference-in-differences is the effect. */
  OK
}
