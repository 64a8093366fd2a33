package io.signalchain.actions;

import io.signalchain.config.ActionSettings;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The two periods an action is measured over: the pre-period of {@code actions.pre_weeks} weeks
 * ending the day before it started, and the post-period of {@code actions.post_weeks} weeks
 * starting {@code actions.lag_days} after it started. Only complete days up to the run date are
 * observed: until {@code postLast} has passed, the action is still being measured.
 */
record ActionPeriods(LocalDate preFirst, LocalDate preLast, LocalDate postFirst, LocalDate postLast,
    LocalDate runDate) {

  static ActionPeriods of(LocalDate startedOn, ActionSettings settings, LocalDate runDate) {
    LocalDate postFirst = startedOn.plusDays(settings.lagDays());
    return new ActionPeriods(startedOn.minusWeeks(settings.preWeeks()), startedOn.minusDays(1), postFirst,
        postFirst.plusWeeks(settings.postWeeks()).minusDays(1), runDate);
  }

  boolean postComplete() {
    return !postLast.isAfter(runDate);
  }

  /** The last day of the post-period observed on the run date (before {@code postFirst}: nothing observed). */
  LocalDate observedPostLast() {
    return postComplete() ? postLast : runDate;
  }

  /** Days of the post-period observed so far. */
  long observedPostDays() {
    return Math.max(0, ChronoUnit.DAYS.between(postFirst, observedPostLast()) + 1);
  }

  /** The whole span the action is measured over, pre-period to post-period. */
  boolean overlaps(LocalDate first, LocalDate last) {
    return !preFirst.isAfter(last) && !postLast.isBefore(first);
  }
}
