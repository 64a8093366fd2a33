package io.signalchain.input;

import io.signalchain.config.Scale;
import java.time.LocalDate;
import java.util.List;

/**
 * The columns of one input (DESIGN §4) and their rules. {@code idColumn}, when set, must be
 * unique: later copies of an id are rejected as duplicates. With a {@code driverScale}, every
 * column named {@code driver_<name>} is a driver rating on that scale. With a
 * {@code latestDate}, a timestamp or date after that day (UTC) is rejected as in the future.
 */
public record InputContract(String source, String idColumn, List<Field> fields, Scale driverScale,
    LocalDate latestDate) {
  public static final String DRIVER_PREFIX = "driver_";

  public InputContract {
    fields = List.copyOf(fields);
  }

  /** A contract without a check on future dates. */
  public InputContract(String source, String idColumn, List<Field> fields, Scale driverScale) {
    this(source, idColumn, fields, driverScale, null);
  }

  /** The same rules, with every field kept on the accepted rows (identifiers included). */
  public InputContract keepingEveryField() {
    return new InputContract(source, idColumn, fields.stream().map(Field::asKept).toList(), driverScale, latestDate);
  }

  public List<String> requiredColumns() {
    return fields.stream().filter(Field::required).map(Field::name).toList();
  }
}
