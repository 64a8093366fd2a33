package io.signalchain.config;

/**
 * How action_effects measures the improvement actions (docs/actions.md).
 *
 * @param preWeeks the pre-period: this many weeks ending the day before an action starts
 * @param postWeeks the post-period: this many weeks starting {@code lagDays} after it starts
 * @param lagDays days after the start that belong to neither period (the action taking hold)
 * @param minResponses fewest survey responses in each period for a survey metric to be estimated
 */
public record ActionSettings(int preWeeks, int postWeeks, int lagDays, int minResponses) {
  public static final ActionSettings DEFAULT = new ActionSettings(8, 8, 0, 30);
}
