package io.signalchain.pipeline;

import io.signalchain.input.SummedInput;
import io.signalchain.input.ValidatedInput;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs as the run reads them, validated: the survey responses and process volumes as
 * typed rows kept for the run (every analysis of them reads rows), the contacts summed per day
 * as they were validated ({@code journey/ContactDays}): no analysis needs a single contact. The
 * customer timeline does: {@code contactRows} validates the contacts again, with their ids, when
 * it is read (the same rules and the same settling of repeated ids, so the same rows are accepted),
 * and is never kept. The optional improvement actions and follow-up outcomes are typed rows too,
 * or null when the input is not configured.
 */
public record RunInputs(ValidatedInput surveys, SummedInput contacts, ValidatedInput contactRows,
    ValidatedInput volumes, ValidatedInput actions, ValidatedInput outcomes) {

  /** Every input's rejected rows, as they go to rejected_records. */
  public Dataset<Row> rejected() {
    Dataset<Row> rejected = surveys.rejected().unionByName(contacts.rejected()).unionByName(volumes.rejected());
    for (ValidatedInput optional : optionalRows()) {
      rejected = rejected.unionByName(optional.rejected());
    }
    return rejected;
  }

  /** The optional inputs that are configured, in the configuration's order. */
  List<ValidatedInput> optionalRows() {
    return Stream.of(actions, outcomes).filter(Objects::nonNull).toList();
  }

  public Dataset<Row> contactDays() {
    return contacts.sums();
  }

  List<ValidatedInput> keptRows() {
    return Stream.concat(Stream.of(surveys, volumes), optionalRows().stream()).toList();
  }

  public void unpersist() {
    keptRows().forEach(ValidatedInput::unpersist);
  }
}
