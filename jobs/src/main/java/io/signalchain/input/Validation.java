package io.signalchain.input;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.signalchain.errors.Errors;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Checks every row of an input against its contract. The result holds every row read, typed,
 * with, for a rejected row, every rule it broke in {@link #REASON} and its raw content in
 * {@link #RECORD}: so accepted + rejected = read by construction.
 *
 * <p>What it costs: one pass over the input evaluates the rules (a regular expression before
 * each cast, so that only plain decimal numbers and full ISO-8601 dates are cast); the raw
 * record (JSON of every column) is built only for rejected rows and for rows whose id occurs
 * more than once, which a pass over the id column alone finds first. Duplicates are resolved by
 * ordering only those rows, never every row.
 */
public final class Validation {
  public static final String RECORD = "_record";
  public static final String REASON = "_reason";
  /** Whether the row's id occurs more than once in the input (then its {@link #RECORD} is kept). */
  static final String REPEATED_ID = "_repeated_id";

  /**
   * Plain decimal numbers only: optional sign, digits, optional fraction, optional exponent.
   * Java's own parsing (Spark's cast) would also take {@code 8d}, {@code 8f}, {@code 0x1p3},
   * {@code NaN} and {@code Infinity}.
   */
  static final String PLAIN_NUMBER = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";
  /** A full ISO-8601 date. Spark's cast would also take {@code 2026-10} and {@code 2026}. */
  static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  /** A full ISO-8601 date, or date and time (T or a space) to the minute or finer, with an optional zone. */
  static final String ISO_TIMESTAMP =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$";

  /** Above this many repeated ids, they are joined to the rows without broadcasting them. */
  private static final long BROADCAST_REPEATED_IDS = 1_000_000;

  private Validation() {}

  public static ValidatedInput validate(Dataset<Row> raw, InputContract contract) {
    List<String> driverColumns = contract.driverScale() == null ? List.of()
        : Arrays.stream(raw.columns()).filter(c -> c.startsWith(InputContract.DRIVER_PREFIX)).toList();
    List<Field> fields = new ArrayList<>(contract.fields());
    for (String driver : driverColumns) {
      fields.add(Field.number(driver, FieldType.NUMBER, false, contract.driverScale().min(),
          contract.driverScale().max()));
    }

    Dataset<Row> source = raw;
    Column repeated = lit(false);
    if (contract.idColumn() != null) {
      Column id = nullif(trim(col(contract.idColumn()).cast("string")), lit(""));
      Dataset<Row> repeatedIds = raw.select(id.as(REPEATED_ID)).filter(col(REPEATED_ID).isNotNull())
          .groupBy(REPEATED_ID).agg(count(lit(1)).as("n")).filter(col("n").gt(1)).select(REPEATED_ID)
          .localCheckpoint();
      long n = repeatedIds.count();
      if (n > 0) {
        source = raw.join(n <= BROADCAST_REPEATED_IDS ? broadcast(repeatedIds) : repeatedIds,
            id.equalTo(repeatedIds.col(REPEATED_ID)), "left");
        repeated = col(REPEATED_ID).isNotNull();
      }
    }

    List<Column> problems = new ArrayList<>();
    problems.add(when(col(InputReader.CORRUPT_RECORD).isNotNull(),
        lit("malformed line: its fields do not match the header")));
    problems.add(when(undecodable(raw), lit("not valid UTF-8 (undecodable bytes)")));
    List<Column> typed = new ArrayList<>();
    for (Field field : fields) {
      checkType(raw, contract, field);
      boolean stringStored = isString(raw.schema().apply(field.name()).dataType());
      // Text of a typed (Parquet, Delta) column is only made for the message of a rejected value.
      Column text = nullif(trim(col(field.name()).cast("string")), lit(""));
      Column present = stringStored ? text.isNotNull() : col(field.name()).isNotNull();
      Column value = parsed(col(field.name()), text, field, stringStored);
      problems.addAll(rules(field, text, present, value, contract));
      typed.add((field.name().equals("weight") ? coalesce(value, lit(1.0)) : value).as(field.name()));
    }
    Column reason = nullif(concat_ws("; ", problems.toArray(Column[]::new)), lit(""));

    // The JSON record is built only where it can be needed: a rejected row, or a row whose id is
    // repeated (one of them may become a rejected duplicate; the record orders them).
    List<Column> withReason = new ArrayList<>(typed);
    withReason.add(reason.as(REASON));
    withReason.add(repeated.as(REPEATED_ID));
    for (String c : raw.columns()) {
      withReason.add(col(InputReader.quoted(c)).as("_raw_" + c));
    }
    List<Column> out = new ArrayList<>();
    for (Field field : fields) {
      out.add(col(field.name()));
    }
    out.add(col(REASON));
    out.add(when(col(REASON).isNotNull().or(col(REPEATED_ID)), rawRecord(raw, "_raw_")).as(RECORD));
    out.add(col(REPEATED_ID));
    Dataset<Row> checked = source.select(withReason.toArray(Column[]::new)).select(out.toArray(Column[]::new));
    return new ValidatedInput(contract.source(), checked, contract.idColumn(), driverColumns);
  }

  /** The row as read: the malformed line itself, or every column as text in JSON. */
  private static Column rawRecord(Dataset<Row> raw, String prefix) {
    return coalesce(col(prefix + InputReader.CORRUPT_RECORD), to_json(struct(Arrays.stream(raw.columns())
        .filter(c -> !c.equals(InputReader.CORRUPT_RECORD)).map(c -> col(InputReader.quoted(prefix + c)).cast("string")
            .as(c))
        .toArray(Column[]::new))));
  }

  /** Any text column holding the replacement character the reader puts for bytes that are not UTF-8. */
  private static Column undecodable(Dataset<Row> raw) {
    Column any = lit(false);
    for (StructField f : raw.schema().fields()) {
      if (isString(f.dataType())) {
        any = any.or(coalesce(col(InputReader.quoted(f.name())).contains("\uFFFD"), lit(false)));
      }
    }
    return any;
  }

  private static boolean isString(DataType type) {
    return type == DataTypes.StringType;
  }

  /**
   * The value in the contract's type, null where it is not one; for text, trimmed with empty as
   * missing. Text is matched against the strict pattern of its type before the cast.
   */
  private static Column parsed(Column source, Column text, Field field, boolean stringStored) {
    return switch (field.type()) {
      case TEXT -> text;
      // Text matching the pattern is never NaN; one too large for a double (1e400) casts to an
      // infinity, which every number's bounds reject.
      case NUMBER -> stringStored ? when(text.rlike(PLAIN_NUMBER), text.cast("double"))
          : when(isnan(source.cast("double")).unary_$bang(), source.cast("double"));
      case WHOLE_NUMBER -> {
        // 3.0 and 3e2 are whole numbers (spreadsheets write them so); 3.5 is not.
        Column number = stringStored ? when(text.rlike(PLAIN_NUMBER), text.cast("double")) : source.cast("double");
        yield when(number.equalTo(floor(number)), number.cast("long"));
      }
      case TIMESTAMP -> stringStored ? when(text.rlike(ISO_TIMESTAMP), text.cast("timestamp"))
          : source.cast("timestamp");
      case DATE -> stringStored ? when(text.rlike(ISO_DATE), text.cast("date")) : source.cast("date");
    };
  }

  private static List<Column> rules(Field field, Column text, Column present, Column value, InputContract contract) {
    String name = field.name();
    List<Column> rules = new ArrayList<>();
    if (field.required()) {
      rules.add(when(present.unary_$bang(), lit(name + " is missing")));
    }
    rules.add(when(present.and(value.isNull()),
        concat_ws("", lit(name + " '"), text, lit("' is not " + expected(field.type())))));
    if (field.min() != null || (field.max() != null && field.maxKey() == null)) {
      // A comparison with a missing value is null: the rule does not apply.
      Column out = null;
      if (field.min() != null) {
        out = field.minExclusive() ? value.leq(field.min()) : value.lt(field.min());
      }
      if (field.max() != null && field.maxKey() == null) {
        out = out == null ? value.gt(field.max()) : out.or(value.gt(field.max()));
      }
      rules.add(when(out, concat_ws("", lit(name + " "), value.cast("string"),
          lit(" is outside " + range(field)))));
    }
    if (field.maxKey() != null) {
      // For whole numbers the text is shown: a value beyond the long range has no exact long.
      Column shown = field.type() == FieldType.WHOLE_NUMBER ? text : value.cast("string");
      rules.add(when(value.gt(field.max()), concat_ws("", lit(name + " "), shown,
          lit(" is above the plausible maximum " + fmt(field.max()) + " (" + field.maxKey() + ")"))));
    }
    if (field.allowed() != null) {
      rules.add(when(text.isNotNull().and(text.isin(field.allowed().toArray()).unary_$bang()),
          concat_ws("", lit("unknown " + name + " '"), text, lit("'"))));
    }
    if (contract.latestDate() != null && (field.type() == FieldType.TIMESTAMP || field.type() == FieldType.DATE)) {
      LocalDate latest = contract.latestDate();
      Column future = field.type() == FieldType.DATE ? value.gt(lit(Date.valueOf(latest)))
          : value.geq(lit(Timestamp.from(latest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
      rules.add(when(future, concat_ws("", lit(name + " "), text,
          lit(" is in the future (after " + latest + ": today, UTC, plus quality.future_tolerance_days)"))));
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
    if (field.min() != null && field.max() != null && field.maxKey() == null) {
      return String.format(Locale.ROOT, "the scale %s–%s", fmt(field.min()), fmt(field.max()));
    }
    if (field.min() != null) {
      return (field.minExclusive() ? "the allowed range (must be > " : "the allowed range (must be ≥ ")
          + fmt(field.min()) + ")";
    }
    return "the allowed range (must be ≤ " + fmt(field.max()) + ")";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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

  private static Column[] concat(List<Column> columns, Column... more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(Arrays.asList(more));
    return all.toArray(Column[]::new);
  }
}
