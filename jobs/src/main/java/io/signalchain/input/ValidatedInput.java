package io.signalchain.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * One input after validation. {@code checked} holds every row read, typed, with the reasons of
 * the row's own rules; duplicates of {@code idColumn} are resolved on top of it by
 * {@link #rows()}. {@code checkedOnly} names the fields that are checked but not kept for the
 * analyses (an identifier is in {@code checked} only on the rows that need it: rejected or
 * repeated); {@code driverColumns} lists the driver_* columns the input had.
 */
public record ValidatedInput(String source, Dataset<Row> checked, String idColumn, List<String> checkedOnly,
    List<String> driverColumns) {
  private static final String SINGLE_ROW = "_single_row";
  private static final String ROWS = "_rows";

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

  /**
   * The input in one pass without keeping its rows: the accepted rows summed by {@code keys}
   * (named columns over the typed row) into {@code summands} (name → a row's addend), and the
   * rejected rows one by one. In the one aggregation a rejected row, or a row whose id is
   * repeated, is a group of its own; so what is kept is the groups and those few rows, and
   * repeated ids are settled on them afterwards as {@link #rows()} settles them on every row.
   */
  public SummedInput summed(List<Column> keys, Map<String, Column> summands) {
    Column single = col(Validation.REASON).isNotNull().or(col(Validation.REPEATED_ID));
    List<Column> columns = new ArrayList<>(keys);
    summands.forEach((name, addend) -> columns.add(addend.as(name)));
    columns.add(when(single, monotonically_increasing_id()).as(SINGLE_ROW));
    List<String> carried = new ArrayList<>(List.of(Validation.REASON, Validation.RECORD, Validation.REPEATED_ID));
    if (idColumn != null) {
      carried.add(idColumn);
    }
    carried.forEach(c -> columns.add(col(c)));
    Dataset<Row> addends = checked.select(columns.toArray(Column[]::new));
    List<String> keyNames = Arrays.asList(addends.columns()).subList(0, keys.size());

    // The carried columns are keys too (null, or one row's own): sums alone keep Spark's hash
    // aggregation. The single row's number keeps identical rejected rows apart.
    List<Column> groupedBy = new ArrayList<>(keyNames.stream().map(functions::col).toList());
    groupedBy.add(col(SINGLE_ROW));
    carried.forEach(c -> groupedBy.add(col(c)));
    Dataset<Row> parts = addends.groupBy(groupedBy.toArray(Column[]::new))
        .agg(count(lit(1)).as(ROWS), sums(summands.keySet())).localCheckpoint();
    Dataset<Row> settled = idColumn == null ? parts : settleRepeatedIds(parts);

    Column[] sums = sums(summands.keySet());
    Dataset<Row> accepted = settled.filter(col(Validation.REASON).isNull())
        .groupBy(keyNames.stream().map(functions::col).toArray(Column[]::new))
        .agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length));
    Dataset<Row> rejected = settled.filter(col(Validation.REASON).isNotNull()).select(lit(source).as("source"),
        Validation.recordText(col(Validation.RECORD)).as("record"), col(Validation.REASON).as("reason"));
    Row counts = settled.agg(sum(ROWS), count(col(Validation.REASON))).first();
    return new SummedInput(source, accepted, rejected, counts.isNullAt(0) ? 0 : counts.getLong(0), counts.getLong(1));
  }

  private static Column[] sums(Collection<String> names) {
    return names.stream().map(name -> sum(name).as(name)).toArray(Column[]::new);
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
   * Kept for the run (memory, spilling to disk): the typed rows and the reasons, with a raw
   * record only on the few rows that need one — no larger than the typed rows themselves.
   */
  public ValidatedInput persisted() {
    return new ValidatedInput(source, checked.persist(StorageLevel.MEMORY_AND_DISK()), idColumn, checkedOnly,
        driverColumns);
  }

  public void unpersist() {
    checked.unpersist();
  }
}
