package io.signalchain.config;

import java.util.Arrays;
import java.util.List;

/** A measure an improvement action can aim at (its {@code target_metric}), and action_effects estimates. */
public enum ActionMetric {
  SATISFACTION("satisfaction", true),
  NPS("nps", true),
  EFFORT("effort", true),
  RETENTION_INTENT("retention_intent", true),
  CONTACTS_PER_1000("contacts_per_1000", false),
  CONTACT_COST("contact_cost", false);

  private final String key;
  private final boolean survey;

  ActionMetric(String key, boolean survey) {
    this.key = key;
    this.survey = survey;
  }

  public String key() {
    return key;
  }

  /** Measured from survey responses (else from contacts over process volumes). */
  public boolean survey() {
    return survey;
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(ActionMetric::key).toList();
  }

  public static ActionMetric fromKey(String key) {
    for (ActionMetric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    return null;
  }
}
