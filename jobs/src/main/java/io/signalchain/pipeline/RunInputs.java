package io.signalchain.pipeline;

import io.signalchain.input.ValidatedInput;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs as the run reads them, validated once and kept for the run as typed rows: the
 * survey responses, the contacts (with their ids: the customers' signals need them), the process
 * volumes, and the optional improvement actions and follow-up outcomes (null when the input is
 * not configured). {@code contactDays} are the accepted contacts summed per day
 * ({@code journey/ContactDays}), the form in which every analysis of contacts reads them.
 */
public record RunInputs(ValidatedInput surveys, ValidatedInput contacts, Dataset<Row> contactDays,
    ValidatedInput volumes, ValidatedInput actions, ValidatedInput outcomes) {

  /** Every input's rejected rows, as they go to rejected_records. */
  public Dataset<Row> rejected() {
    return inputs().stream().map(ValidatedInput::rejected).reduce(Dataset::unionByName).orElseThrow();
  }

  /** Every input read (the optional ones when configured), in the configuration's order. */
  List<ValidatedInput> inputs() {
    return Stream.of(surveys, contacts, volumes, actions, outcomes).filter(Objects::nonNull).toList();
  }

  public void unpersist() {
    inputs().forEach(ValidatedInput::unpersist);
  }
}
