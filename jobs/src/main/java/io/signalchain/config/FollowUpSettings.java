package io.signalchain.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How the follow-up worklist is drawn up (follow_ups, follow_up_stats; docs/closing-the-loop.md).
 *
 * @param lookbackDays signals dated within this many days up to the run date (inclusive) are considered
 * @param cooldownDays a customer with an open follow-up opened less than this many days before the
 *     run date is not listed again: that follow-up is updated instead
 * @param repeatDays a contact about the same step less than this many days after the customer's
 *     previous contact about it is a repeat contact
 * @param satisfactionAtMost a satisfaction answer at or below this is a reason
 * @param effortAtLeast an effort answer at or above this is a reason
 * @param points the priority points of each reason; a follow-up's priority is the sum over its reasons
 * @param dueDays priority → days to the due date: a follow-up is due the days of the largest key
 *     at or below its priority after it was opened (the smallest key is 0)
 */
public record FollowUpSettings(int lookbackDays, int cooldownDays, int repeatDays, double satisfactionAtMost,
    double effortAtLeast, Map<FollowUpReason, Integer> points, NavigableMap<Integer, Integer> dueDays) {
  public FollowUpSettings {
    points = Map.copyOf(new EnumMap<>(points));
    dueDays = Collections.unmodifiableNavigableMap(new TreeMap<>(dueDays));
  }

  /** The defaults for the default scales (satisfaction 1–10, effort 1–7). */
  public static FollowUpSettings defaults(Scale satisfaction, Scale effort) {
    Map<FollowUpReason, Integer> points = new EnumMap<>(FollowUpReason.class);
    for (FollowUpReason r : FollowUpReason.values()) {
      points.put(r, r.defaultPoints());
    }
    double low = satisfaction.min() + (satisfaction.max() - satisfaction.min()) / 3.0;
    double high = effort.max() - (effort.max() - effort.min()) / 6.0;
    return new FollowUpSettings(14, 30, 7, Math.floor(low), Math.ceil(high), points,
        new TreeMap<>(Map.of(0, 7, 3, 3, 5, 1)));
  }

  /** Days from opening to the due date for a follow-up of {@code priority}. */
  public int dueDays(int priority) {
    var entry = dueDays.floorEntry(priority);
    return entry == null ? dueDays.firstEntry().getValue() : entry.getValue();
  }
}
