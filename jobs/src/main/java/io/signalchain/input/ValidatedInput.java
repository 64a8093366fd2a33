package io.signalchain.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One input after validation: every row read, typed, with {@link Validation#REASON} set on the
 * rejected ones. {@code driverColumns} lists the driver_* columns the input had.
 */
public record ValidatedInput(String source, Dataset<Row> rows, List<String> driverColumns) {
  public ValidatedInput {
    driverColumns = List.copyOf(driverColumns);
  }

  public Dataset<Row> accepted() {
    return rows.filter(col(Validation.REASON).isNull()).drop(Validation.REASON, Validation.RECORD);
  }

  /** The rejected rows as they go to rejected_records: source, raw record, reason. */
  public Dataset<Row> rejected() {
    return rows.filter(col(Validation.REASON).isNotNull())
        .select(lit(source).as("source"), col(Validation.RECORD).as("record"), col(Validation.REASON).as("reason"));
  }

  public ValidatedInput persisted() {
    return new ValidatedInput(source, rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()),
        driverColumns);
  }
}
