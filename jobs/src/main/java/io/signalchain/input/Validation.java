package io.signalchain.input;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.signalchain.errors.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Checks every row of an input against its contract. The result holds every row read, typed,
 * with its raw content in {@link #RECORD} and, for a rejected row, every rule it broke in
 * {@link #REASON}: so accepted + rejected = read by construction.
 */
public final class Validation {
  public static final String RECORD = "_record";
  public static final String REASON = "_reason";

  private Validation() {}

  public static ValidatedInput validate(Dataset<Row> raw, InputContract contract) {
    List<String> driverColumns = contract.driverScale() == null ? List.of()
        : Arrays.stream(raw.columns()).filter(c -> c.startsWith(InputContract.DRIVER_PREFIX)).toList();
    List<Field> fields = new ArrayList<>(contract.fields());
    for (String driver : driverColumns) {
      fields.add(Field.number(driver, FieldType.NUMBER, false, contract.driverScale().min(),
          contract.driverScale().max()));
    }

    Column rawRecord = coalesce(col(InputReader.CORRUPT_RECORD), to_json(struct(Arrays.stream(raw.columns())
        .filter(c -> !c.equals(InputReader.CORRUPT_RECORD)).map(c -> col(InputReader.quoted(c)).cast("string").as(c))
        .toArray(Column[]::new))));
    List<Column> problems = new ArrayList<>();
    problems.add(when(col(InputReader.CORRUPT_RECORD).isNotNull(),
        lit("malformed line: its fields do not match the header")));
    problems.add(when(rawRecord.contains("\uFFFD"), lit("not valid UTF-8 (undecodable bytes)")));

    List<Column> typed = new ArrayList<>();
    for (Field field : fields) {
      checkType(raw, contract, field);
      Column text = nullif(trim(col(field.name()).cast("string")), lit(""));
      Column value = parsed(col(field.name()), text, field);
      problems.addAll(rules(field, text, value));
      typed.add((field.name().equals("weight") ? coalesce(value, lit(1.0)) : value).as(field.name()));
    }

    Dataset<Row> checked = raw.select(concat(typed, rawRecord.as(RECORD),
        nullif(concat_ws("; ", problems.toArray(Column[]::new)), lit("")).as(REASON)));
    return new ValidatedInput(contract.source(), rejectDuplicates(checked, contract.idColumn()),
        driverColumns);
  }

  /** The value in the contract's type; for text, trimmed with empty as missing. */
  private static Column parsed(Column source, Column text, Field field) {
    if (field.type() == FieldType.TEXT) {
      return text;
    }
    if (field.type() == FieldType.WHOLE_NUMBER) {
      Column number = text.cast("double");
      return when(number.equalTo(floor(number)), number.cast("long"));
    }
    Column value = text.cast(field.type().sparkType);
    return field.type() == FieldType.NUMBER
        ? when(value.isNotNull().and(isnan(value).or(value.isin(Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY))), lit(null).cast("double")).otherwise(value)
        : value;
  }

  private static List<Column> rules(Field field, Column text, Column value) {
    String name = field.name();
    List<Column> rules = new ArrayList<>();
    if (field.required()) {
      rules.add(when(text.isNull(), lit(name + " is missing")));
    }
    rules.add(when(text.isNotNull().and(value.isNull()),
        concat_ws("", lit(name + " '"), text, lit("' is not " + expected(field.type())))));
    if (field.min() != null || field.max() != null) {
      Column out = lit(false);
      if (field.min() != null) {
        out = out.or(field.minExclusive() ? value.leq(field.min()) : value.lt(field.min()));
      }
      if (field.max() != null) {
        out = out.or(value.gt(field.max()));
      }
      rules.add(when(value.isNotNull().and(out), concat_ws("", lit(name + " "), value.cast("string"),
          lit(" is outside " + range(field)))));
    }
    if (field.allowed() != null) {
      rules.add(when(text.isNotNull().and(text.isin(field.allowed().toArray()).unary_$bang()),
          concat_ws("", lit("unknown " + name + " '"), text, lit("'"))));
    }
    return rules;
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case TIMESTAMP -> "an ISO-8601 timestamp (e.g. 2026-10-31T14:03:00)";
      case DATE -> "an ISO-8601 date (e.g. 2026-10-31)";
      case NUMBER -> "a number (with a decimal point)";
      case WHOLE_NUMBER -> "a whole number";
      case TEXT -> "text";
    };
  }

  private static String range(Field field) {
    if (field.min() != null && field.max() != null) {
      return String.format(Locale.ROOT, "the scale %s–%s", fmt(field.min()), fmt(field.max()));
    }
    if (field.min() != null) {
      return (field.minExclusive() ? "the allowed range (must be > " : "the allowed range (must be ≥ ")
          + fmt(field.min()) + ")";
    }
    return "the allowed range (must be ≤ " + fmt(field.max()) + ")";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Stored types that cannot hold the field (e.g. a boolean timestamp) stop the run. */
  private static void checkType(Dataset<Row> raw, InputContract contract, Field field) {
    StructField stored = raw.schema().apply(field.name());
    DataType type = stored.dataType();
    boolean ok = switch (field.type()) {
      case TEXT -> true;
      case NUMBER, WHOLE_NUMBER -> type == DataTypes.StringType || type instanceof NumericType
          || type == DataTypes.NullType;
      case TIMESTAMP, DATE -> type == DataTypes.StringType || type == DataTypes.TimestampType
          || type == DataTypes.TimestampNTZType || type == DataTypes.DateType || type == DataTypes.NullType;
    };
    if (!ok) {
      throw Errors.wrongColumnType(contract.source(), field.name(), type.simpleString(),
          expected(field.type()));
    }
  }

  /** The first row of an id is kept (by raw content, so reruns pick the same); later ones are rejected. */
  private static Dataset<Row> rejectDuplicates(Dataset<Row> checked, String idColumn) {
    if (idColumn == null) {
      return checked;
    }
    var byId = Window.partitionBy(col(idColumn), col(REASON).isNull()).orderBy(col(RECORD));
    Column duplicate = col(idColumn).isNotNull().and(col(REASON).isNull()).and(row_number().over(byId).gt(1));
    return checked.withColumn(REASON, when(duplicate,
        concat_ws("", lit("duplicate " + idColumn + " '"), col(idColumn), lit("' (the first row is kept)")))
        .otherwise(col(REASON)));
  }

  private static Column[] concat(List<Column> columns, Column... more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(Arrays.asList(more));
    return all.toArray(Column[]::new);
  }
}
