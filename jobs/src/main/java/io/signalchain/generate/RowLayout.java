package io.signalchain.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.timestamp_seconds;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of one input and how a generated row is written: as text for CSV (where a broken
 * row may carry any string) or typed for Parquet. Values are held typed: timestamps as epoch
 * seconds (UTC wall clock), dates as epoch days, numbers boxed.
 */
final class RowLayout implements Serializable {
  enum Type { STRING, TIMESTAMP, DATE, INT, LONG, DOUBLE }

  record Column(String name, Type type) implements Serializable {}

  private final Column[] columns;

  RowLayout(List<Column> columns) {
    this.columns = columns.toArray(new Column[0]);
  }

  int size() {
    return columns.length;
  }

  int index(String name) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name);
  }

  /** The schema the generator emits: all strings for CSV; for Parquet, time as numbers first. */
  StructType schema(boolean csv) {
    StructField[] fields = new StructField[columns.length];
    for (int i = 0; i < columns.length; i++) {
      fields[i] = DataTypes.createStructField(columns[i].name(), csv ? DataTypes.StringType : emitted(columns[i].type()), true);
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

  /**
   * One output row. {@code raw[i]}, when not null, replaces column i's text in CSV (a broken
   * value no type can hold); Parquet ignores it.
   */
  Row row(Object[] values, String[] raw, boolean csv) {
    if (!csv) {
      return RowFactory.create(values);
    }
    Object[] text = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      text[i] = raw != null && raw[i] != null ? raw[i] : format(columns[i].type(), values[i]);
    }
    return RowFactory.create(text);
  }

  /** Turns the numeric time columns of a typed row into timestamp and date columns. */
  Dataset<Row> typed(Dataset<Row> emitted) {
    Dataset<Row> out = emitted;
    for (Column c : columns) {
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
