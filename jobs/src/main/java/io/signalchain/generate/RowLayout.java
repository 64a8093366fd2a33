package io.signalchain.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.timestamp_seconds;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of one input, each with the record component it is read from, and how a generated
 * row is written: as text for CSV (where a broken row may carry any string, see {@link CsvText})
 * or typed for Parquet. Values are held typed: timestamps as epoch seconds (UTC wall clock), dates
 * as epoch days, numbers boxed.
 */
final class RowLayout<R extends InputRow> implements Serializable {
  enum Type { STRING, TIMESTAMP, DATE, INT, LONG, DOUBLE }

  /** Reads one column's value from a row; serializable, as executors write the rows. */
  interface Getter<R> extends Function<R, Object>, Serializable {}

  record Column<R>(String name, Type type, Getter<R> value) implements Serializable {}

  static <R> Column<R> column(String name, Type type, Getter<R> value) {
    return new Column<>(name, type, value);
  }

  private final List<Column<R>> columns;

  RowLayout(List<Column<R>> columns) {
    this.columns = List.copyOf(columns);
  }

  /** The schema the generator emits: all strings for CSV; for Parquet, time as numbers first. */
  StructType schema(boolean csv) {
    StructField[] fields = new StructField[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      Column<R> c = columns.get(i);
      fields[i] = DataTypes.createStructField(c.name(), csv ? DataTypes.StringType : emitted(c.type()), true);
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType emitted(Type t) {
    return switch (t) {
      case STRING -> DataTypes.StringType;
      case TIMESTAMP, LONG -> DataTypes.LongType;
      case DATE, INT -> DataTypes.IntegerType;
      case DOUBLE -> DataTypes.DoubleType;
    };
  }

  /** One output row: typed for Parquet; for CSV each value as text, or its {@link CsvText}. */
  Row row(R row, boolean csv) {
    CsvText text = row.csvText();
    Object[] out = new Object[columns.size()];
    int replaced = 0;
    for (int i = 0; i < out.length; i++) {
      Column<R> c = columns.get(i);
      Object v = c.value().apply(row);
      String raw = text.of(c.name());
      replaced += raw == null ? 0 : 1;
      out[i] = !csv ? v : raw != null ? raw : format(c.type(), v);
    }
    if (replaced != text.byColumn().size()) {
      throw new IllegalArgumentException("CSV text for a column the input does not have: " + text.byColumn().keySet());
    }
    return RowFactory.create(out);
  }

  /** The typed value of the named column. */
  Object value(R row, String name) {
    return named(name).value().apply(row);
  }

  private Column<R> named(String name) {
    for (Column<R> c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no column " + name);
  }

  /** Turns the numeric time columns of a typed row into timestamp and date columns. */
  Dataset<Row> typed(Dataset<Row> emitted) {
    Dataset<Row> out = emitted;
    for (Column<R> c : columns) {
      if (c.type() == Type.TIMESTAMP) {
        out = out.withColumn(c.name(), timestamp_seconds(col(c.name())));
      } else if (c.type() == Type.DATE) {
        out = out.withColumn(c.name(), date_from_unix_date(col(c.name())));
      }
    }
    return out;
  }

  static String format(Type type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case STRING -> (String) v;
      case TIMESTAMP -> isoTimestamp((Long) v);
      case DATE -> LocalDate.ofEpochDay((Integer) v).toString();
      case INT, LONG -> v.toString();
      case DOUBLE -> number((Double) v);
    };
  }

  /** Whole numbers without ".0", as survey tools export them. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** ISO-8601 local date-time, always with seconds: 2026-10-31T14:03:00. */
  static String isoTimestamp(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    int sec = (int) Math.floorMod(epochSecond, 86_400L);
    StringBuilder sb = new StringBuilder(19).append(LocalDate.ofEpochDay(day)).append('T');
    two(sb, sec / 3600).append(':');
    two(sb, sec / 60 % 60).append(':');
    return two(sb, sec % 60).toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
