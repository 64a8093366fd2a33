package io.signalchain.monitoring;

/** Whether a change could be tested, and if not, why not. */
public enum ChangeStatus {
  OK("ok"),
  /** The step has no data of the metric in the last complete period. */
  NO_DATA("no_data"),
  /** The reference (previous period or baseline) has no data of the metric. */
  NO_REFERENCE("no_reference"),
  /** Fewer than {@code monitoring.min_responses} answers in the period or its reference. */
  TOO_FEW_RESPONSES("too_few_responses"),
  /** No passes through the step (contacts per 1,000 passes undefined) in the period or its reference. */
  NO_VOLUME("no_volume"),
  /** No variation in either sample (every answer the same): nothing to test. */
  NO_VARIATION("no_variation");

  private final String key;

  ChangeStatus(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
