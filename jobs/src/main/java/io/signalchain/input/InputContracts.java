package io.signalchain.input;

import static io.signalchain.input.FieldType.DATE;
import static io.signalchain.input.FieldType.NUMBER;
import static io.signalchain.input.FieldType.TIMESTAMP;
import static io.signalchain.input.FieldType.WHOLE_NUMBER;

import io.signalchain.config.SignalchainConfig;
import java.util.List;
import java.util.Set;

/** The three input contracts of DESIGN §4, with the configured steps, channels and scales. */
public final class InputContracts {
  public static final String SURVEY_RESPONSES = "survey_responses";
  public static final String CONTACTS = "contacts";
  public static final String PROCESS_VOLUMES = "process_volumes";

  private InputContracts() {}

  public static InputContract forInput(String source, SignalchainConfig config) {
    return switch (source) {
      case SURVEY_RESPONSES -> surveyResponses(config);
      case CONTACTS -> contacts(config);
      case PROCESS_VOLUMES -> processVolumes(config);
      default -> throw new IllegalArgumentException("no contract for input " + source);
    };
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
        Field.positive("weight"),
        Field.text("segment", false)), c.driverScale());
  }

  public static InputContract contacts(SignalchainConfig c) {
    return new InputContract(CONTACTS, "contact_id", List.of(
        Field.text("contact_id", true),
        Field.text("customer_id", false),
        Field.of("contacted_at", TIMESTAMP, true),
        Field.oneOf("channel", true, c.channels().keySet()),
        Field.oneOf("step_id", false, steps(c)),
        Field.text("contact_type", true),
        Field.text("reason", false),
        Field.number("handling_seconds", NUMBER, false, 0.0, null),
        Field.number("cost_eur", NUMBER, false, 0.0, null)), null);
  }

  public static InputContract processVolumes(SignalchainConfig c) {
    return new InputContract(PROCESS_VOLUMES, null, List.of(
        Field.oneOf("step_id", true, steps(c)),
        Field.of("date", DATE, true),
        Field.oneOf("channel", false, c.channels().keySet()),
        Field.number("volume", WHOLE_NUMBER, true, 0.0, null)), null);
  }

  private static Set<String> steps(SignalchainConfig c) {
    return Set.copyOf(c.journey().ids());
  }
}
