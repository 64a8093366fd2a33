package io.signalchain.config;

import java.util.Arrays;
import java.util.List;

/** Why a customer is put on the follow-up worklist (follow_ups.reasons; docs/closing-the-loop.md). */
public enum FollowUpReason {
  /** A survey answer with NPS 0–6. */
  DETRACTOR("detractor", 2),
  /** A survey answer with satisfaction at or below {@code follow_up.satisfaction_at_most}. */
  LOW_SATISFACTION("low_satisfaction", 1),
  /** A survey answer with effort at or above {@code follow_up.effort_at_least} (higher = more effort). */
  HIGH_EFFORT("high_effort", 1),
  /** A contact of type complaint. */
  COMPLAINT("complaint", 3),
  /** A contact about the same step as one of the customer's contacts less than repeat_days before. */
  REPEAT_CONTACT("repeat_contact", 2);

  private final String key;
  private final int defaultPoints;

  FollowUpReason(String key, int defaultPoints) {
    this.key = key;
    this.defaultPoints = defaultPoints;
  }

  /** The reason as written in follow_ups.reasons and under {@code follow_up.points}. */
  public String key() {
    return key;
  }

  public int defaultPoints() {
    return defaultPoints;
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(FollowUpReason::key).toList();
  }
}
