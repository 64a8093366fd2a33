package io.signalchain.pipeline;

import io.signalchain.input.SummedInput;
import io.signalchain.input.ValidatedInput;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The inputs as the run reads them, validated: the survey responses and process volumes as
 * typed rows kept for the run (every analysis of them reads rows), the contacts summed per day
 * as they were validated ({@code journey/ContactDays}): no analysis needs a single contact. The
 * customer timeline does: {@code contactRows} validates the contacts again, with their ids, when
 * it is read (the same rules and the same settling of repeated ids, so the same rows are accepted),
 * and is never kept. The optional improvement actions are typed rows too, or null when the input
 * is not configured.
 */
public record RunInputs(ValidatedInput surveys, SummedInput contacts, ValidatedInput contactRows,
    ValidatedInput volumes, ValidatedInput actions) {

  /** Every input's rejected rows, as they go to rejected_records. */
  public Dataset<Row> rejected() {
    Dataset<Row> rejected = surveys.rejected().unionByName(contacts.rejected()).unionByName(volumes.rejected());
    return actions == null ? rejected : rejected.unionByName(actions.rejected());
  }

  public Dataset<Row> contactDays() {
    return contacts.sums();
  }

  List<ValidatedInput> keptRows() {
    return actions == null ? List.of(surveys, volumes) : List.of(surveys, volumes, actions);
  }

  public void unpersist() {
    keptRows().forEach(ValidatedInput::unpersist);
  }
}
