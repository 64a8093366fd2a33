package io.signalchain.monitoring;

/** What the last complete period is compared with. */
public enum Comparison {
  /** The period before it. */
  PREVIOUS("previous"),
  /** The {@code monitoring.baseline_periods} periods before it, pooled. */
  BASELINE("baseline");

  private final String key;

  Comparison(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
