package io.signalchain.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.expressions.Window;

/**
 * One input after validation. {@code checked} holds every row read, typed, with the reasons of
 * the row's own rules; duplicates of {@code idColumn} are resolved on top of it by
 * {@link #rows()}. {@code checkedOnly} names the fields that are checked but not kept for the
 * analyses (an identifier is in {@code checked} only on the rows that need it: rejected or
 * repeated); {@code driverColumns} lists the driver_* columns the input had.
 */
public record ValidatedInput(String source, Dataset<Row> checked, String idColumn, List<String> checkedOnly,
    List<String> driverColumns) {

  public ValidatedInput {
    checkedOnly = List.copyOf(checkedOnly);
    driverColumns = List.copyOf(driverColumns);
  }

  /**
   * Every row read, typed, with {@link Validation#REASON} set on the rejected ones and
   * {@link Validation#RECORD} (the raw content) on those. Among the valid rows of an id that
   * occurs more than once, the first by raw content is kept (so reruns pick the same) and the
   * later ones are rejected as duplicates; only those rows are ordered. The two parts split the
   * checked rows by one condition, so accepted + rejected = read.
   */
  public Dataset<Row> rows() {
    Dataset<Row> rows = idColumn == null ? checked.drop(Validation.REPEATED_ID) : settleRepeatedIds(checked);
    return rows.withColumn(Validation.RECORD, Validation.recordText(col(Validation.RECORD)));
  }

  /**
   * Rows with {@link Validation#REPEATED_ID}: among the valid rows of a repeated id, the later
   * ones by raw content get their duplicate reason. Only those rows are ordered.
   */
  private Dataset<Row> settleRepeatedIds(Dataset<Row> rows) {
    Column contested = col(Validation.REPEATED_ID).and(col(Validation.REASON).isNull());
    Dataset<Row> settled = rows.filter(contested.unary_$bang());
    var byId = Window.partitionBy(col(idColumn)).orderBy(Validation.recordText(col(Validation.RECORD)));
    Dataset<Row> resolved = rows.filter(contested).withColumn(Validation.REASON,
        when(row_number().over(byId).gt(1), concat_ws("", lit("duplicate " + idColumn + " '"), col(idColumn),
            lit("' (the first row is kept)"))));
    return settled.unionByName(resolved).drop(Validation.REPEATED_ID);
  }

  /** The accepted rows, typed, with the fields kept for the analyses. */
  public Dataset<Row> accepted() {
    return rows().filter(col(Validation.REASON).isNull()).drop(Validation.REASON, Validation.RECORD)
        .drop(checkedOnly.toArray(String[]::new));
  }

  /** The rejected rows as they go to rejected_records: source, raw record, reason. */
  public Dataset<Row> rejected() {
    return rows().filter(col(Validation.REASON).isNotNull())
        .select(lit(source).as("source"), col(Validation.RECORD).as("record"), col(Validation.REASON).as("reason"));
  }

  /**
   * Kept for the run (a local checkpoint: memory, spilling to disk), made now: the typed rows and
   * the reasons, with a raw record only on the few rows that need one — no larger than the typed
   * rows themselves. Rows are cheaper to make than Spark's columnar cache (at scale 1, 7 s
   * instead of 12–19 s for the survey responses). The checked rows are kept, not the settled
   * ones: settling reads its input twice (the contested rows and the others), which would
   * validate it twice.
   */
  public ValidatedInput checkpointed() {
    return new ValidatedInput(source, checked.localCheckpoint(), idColumn, checkedOnly, driverColumns);
  }

  /**
   * Frees the kept rows now (a checkpoint's blocks are otherwise freed when it is garbage
   * collected), and waits until they are: a removal still under way when the job stops its
   * session fails noisily (a stack trace per block after the run's summary).
   */
  public void unpersist() {
    if (checked.queryExecution().analyzed() instanceof LogicalRDD kept) {
      kept.rdd().unpersist(true);
    }
  }
}
