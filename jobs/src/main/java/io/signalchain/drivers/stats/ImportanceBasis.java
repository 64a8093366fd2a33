package io.signalchain.drivers.stats;

/** Which decomposition of R² a model's {@code importancePct} comes from. */
public enum ImportanceBasis {
  /** Exact Shapley values (LMG) over all subsets of drivers. */
  SHAPLEY,
  /** Johnson's relative weights: too many drivers for the exact Shapley decomposition. */
  RELATIVE_WEIGHTS,
  /** No importance: the model was not fitted. */
  NONE
}
