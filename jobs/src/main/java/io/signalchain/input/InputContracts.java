package io.signalchain.input;

import static io.signalchain.input.FieldType.DATE;
import static io.signalchain.input.FieldType.NUMBER;
import static io.signalchain.input.FieldType.TIMESTAMP;
import static io.signalchain.input.FieldType.WHOLE_NUMBER;

import io.signalchain.config.ActionMetric;
import io.signalchain.config.InputBounds;
import io.signalchain.config.SignalchainConfig;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The input contracts of DESIGN §4 (and of the optional improvement actions and follow-up outcomes),
 * with the configured steps, channels, scales and bounds.
 *
 * <p>Every numeric field has a finite upper bound (a scale or a {@code bounds.*} key), which is
 * what keeps every sum finite and exact enough: a volume is at most {@code max_volume_per_day}
 * (≤ 1e12, default 1e9), so a long sum (≤ 9.2e18) needs over 9.2 million rows at 1e12, or 9.2
 * billion rows at the default, all at the bound, for one step's window; a cost is at most
 * {@code max_cost_eur} (≤ 1e12, default 1e4), so a double sum stays below 1e12 × rows, far from
 * 1.8e308, and keeps cent precision up to ~1e13 € (2^53 cents ≈ 9e13); weights (≤ 1e12, default
 * 1e3) times scale points stay as far from overflow in the weighted moments.
 */
public final class InputContracts {
  public static final String SURVEY_RESPONSES = "survey_responses";
  public static final String CONTACTS = "contacts";
  public static final String PROCESS_VOLUMES = "process_volumes";
  public static final String IMPROVEMENT_ACTIONS = "improvement_actions";
  public static final String FOLLOW_UP_OUTCOMES = "follow_up_outcomes";

  private InputContracts() {}

  /** The contract checked against today's date (UTC), the wall clock of the run. */
  public static InputContract forInput(String source, SignalchainConfig config) {
    return forInput(source, config, LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * The contract of one input; signals dated after {@code today} plus
   * {@code quality.future_tolerance_days} are rejected as in the future.
   */
  public static InputContract forInput(String source, SignalchainConfig config, LocalDate today) {
    InputContract c = switch (source) {
      case SURVEY_RESPONSES -> surveyResponses(config);
      case CONTACTS -> contacts(config);
      case PROCESS_VOLUMES -> processVolumes(config);
      // Planned actions may start after today: they are reported as measuring, not rejected.
      case IMPROVEMENT_ACTIONS -> improvementActions(config);
      case FOLLOW_UP_OUTCOMES -> followUpOutcomes();
      default -> throw new IllegalArgumentException("no contract for input " + source);
    };
    if (source.equals(IMPROVEMENT_ACTIONS)) {
      return c;
    }
    return new InputContract(c.source(), c.idColumn(), c.fields(), c.driverScale(),
        today.plusDays(config.futureToleranceDays()));
  }

  public static InputContract surveyResponses(SignalchainConfig c) {
    var satisfaction = c.satisfactionScale();
    var effort = c.effortScale();
    return new InputContract(SURVEY_RESPONSES, "response_id", List.of(
        Field.text("response_id", true),
        Field.text("customer_id", false),
        Field.oneOf("step_id", true, steps(c)),
        Field.oneOf("channel", false, c.channels().keySet()),
        Field.of("responded_at", TIMESTAMP, true),
        Field.number("satisfaction", NUMBER, true, satisfaction.min(), satisfaction.max()),
        Field.number("nps", WHOLE_NUMBER, false, 0.0, 10.0),
        Field.number("effort", NUMBER, false, effort.min(), effort.max()),
        Field.bounded("weight", NUMBER, false, 0.0, true, c.bounds().maxWeight(), InputBounds.MAX_WEIGHT),
        Field.number("retention_intent", NUMBER, false, c.retentionIntentScale().min(), c.retentionIntentScale().max()),
        Field.text("segment", false)), c.driverScale());
  }

  public static InputContract contacts(SignalchainConfig c) {
    return new InputContract(CONTACTS, "contact_id", List.of(
        // Ten million distinct ids per scale unit: checked, never analysed, so not kept for the run.
        Field.text("contact_id", true).checkedOnly(),
        Field.text("customer_id", false).checkedOnly(),
        Field.of("contacted_at", TIMESTAMP, true),
        Field.oneOf("channel", true, c.channels().keySet()),
        Field.oneOf("step_id", false, steps(c)),
        Field.text("contact_type", true),
        Field.text("reason", false),
        Field.bounded("handling_seconds", NUMBER, false, 0.0, false, c.bounds().maxHandlingSeconds(),
            InputBounds.MAX_HANDLING_SECONDS),
        Field.bounded("cost_eur", NUMBER, false, 0.0, false, c.bounds().maxCostEur(), InputBounds.MAX_COST_EUR)),
        null);
  }

  public static InputContract processVolumes(SignalchainConfig c) {
    return new InputContract(PROCESS_VOLUMES, null, List.of(
        Field.oneOf("step_id", true, steps(c)),
        Field.of("date", DATE, true),
        Field.oneOf("channel", false, c.channels().keySet()),
        Field.bounded("volume", WHOLE_NUMBER, true, 0.0, false, c.bounds().maxVolumePerDay(),
            InputBounds.MAX_VOLUME_PER_DAY)), null);
  }

  public static InputContract improvementActions(SignalchainConfig c) {
    return new InputContract(IMPROVEMENT_ACTIONS, "action_id", List.of(
        Field.text("action_id", true),
        Field.oneOf("step_id", true, steps(c)),
        Field.text("team", true),
        Field.text("title", true),
        Field.of("started_on", DATE, true),
        Field.of("ended_on", DATE, false),
        Field.oneOf("target_metric", false, Set.copyOf(ActionMetric.keys()))), null);
  }

  /**
   * What a team did about a follow-up (follow_ups): one row per follow-up closed. The note is
   * checked but not kept: free text stays out of the output tables. Whether the follow-up exists
   * and was open then is checked against the worklist by the run (followups/FollowUps).
   */
  public static InputContract followUpOutcomes() {
    return new InputContract(FOLLOW_UP_OUTCOMES, "follow_up_id", List.of(
        Field.text("follow_up_id", true),
        Field.of("closed_at", TIMESTAMP, true),
        Field.text("outcome", true),
        Field.text("note", false).checkedOnly()), null);
  }

  private static Set<String> steps(SignalchainConfig c) {
    return Set.copyOf(c.journey().ids());
  }
}
