package io.signalchain.input;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.signalchain.errors.Errors;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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
 * <p>What it costs: one pass over the input, in three steps that Spark keeps apart (each
 * computed once per row): the text of every field (trimmed, empty as missing), its typed value
 * (a regular expression before each cast of text, so that only plain decimal numbers and full
 * ISO-8601 dates are cast), then one flag for the rules. The reason's words and the raw record
 * (JSON of every column) are built only for rejected rows, and the record also for rows whose id
 * occurs more than once, which a pass over the id column alone, by a hash of the id, finds first
 * ({@link RepeatedIds}).
 * Duplicates are resolved by ordering only those rows, never every row.
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
  private static final String RAW = "_raw_";
  private static final String TEXT = "_text_";
  private static final String LINE = "line";
  private static final String FIELDS = "fields";

  /** One rule: where it is broken (true; null or false where it holds) and the words that say how. */
  private record Rule(Column broken, Column reason) {}

  private Validation() {}

  public static ValidatedInput validate(Dataset<Row> raw, InputContract contract) {
    List<String> driverColumns = contract.driverScale() == null ? List.of()
        : Arrays.stream(raw.columns()).filter(c -> c.startsWith(InputContract.DRIVER_PREFIX)).toList();
    List<Field> fields = new ArrayList<>(contract.fields());
    for (String driver : driverColumns) {
      fields.add(Field.number(driver, FieldType.NUMBER, false, contract.driverScale().min(),
          contract.driverScale().max()));
    }
    fields.forEach(field -> checkType(raw, contract, field));
    Set<String> stringStored = Arrays.stream(raw.schema().fields()).filter(f -> isString(f.dataType()))
        .map(StructField::name).collect(Collectors.toSet());

    Dataset<Row> source = raw;
    Column repeated = lit(false);
    if (contract.idColumn() != null) {
      Column id = idHash(contract.idColumn());
      Dataset<Row> repeatedIds = RepeatedIds.of(raw, id, REPEATED_ID).localCheckpoint();
      long n = repeatedIds.count();
      if (n > 0) {
        // Equal hashes of different ids only make a few more rows contested; rows() orders them by id.
        source = raw.join(n <= BROADCAST_REPEATED_IDS ? broadcast(repeatedIds) : repeatedIds,
            id.equalTo(repeatedIds.col(REPEATED_ID)), "left");
        repeated = col(REPEATED_ID).isNotNull();
      }
    }

    // 1. The raw columns under one prefix, and the text of every field stored as text.
    List<Column> texts = new ArrayList<>();
    for (String c : raw.columns()) {
      texts.add(col(InputReader.quoted(c)).as(RAW + c));
    }
    texts.add(repeated.as(REPEATED_ID));
    for (Field field : fields) {
      if (stringStored.contains(field.name())) {
        texts.add(nullif(trim(col(InputReader.quoted(field.name()))), lit("")).as(TEXT + field.name()));
      }
    }
    // 2. The typed value of every field.
    List<Column> values = new ArrayList<>(List.of(col("*")));
    for (Field field : fields) {
      values.add(parsed(field, stringStored.contains(field.name())).as(field.name()));
    }
    // 3. The rules: one flag per row; the reason's words only where it is raised.
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule(rawColumn(InputReader.CORRUPT_RECORD).isNotNull(),
        lit("malformed line: its fields do not match the header")));
    rules.add(new Rule(undecodable(raw), lit("not valid UTF-8 (undecodable bytes)")));
    for (Field field : fields) {
      rules.addAll(rules(field, stringStored.contains(field.name()), contract));
    }
    Column broken = rules.stream().map(Rule::broken).reduce(Column::or).orElseThrow();
    Column reason = when(broken, concat_ws("; ", rules.stream().map(r -> when(r.broken(), r.reason()))
        .toArray(Column[]::new)));
    // 4. The kept fields, with the reason, and the raw record where it can be needed: a rejected
    // row, or a row whose id is repeated (one of them may become a rejected duplicate; the record
    // orders them). An identifier that is not kept is there only on those rows.
    Column needsRecord = col(REASON).isNotNull().or(col(REPEATED_ID));
    List<Column> out = new ArrayList<>();
    for (Field field : fields) {
      // A missing weight is 1 (DESIGN §4).
      Column value = field.name().equals("weight") ? coalesce(col("weight"), lit(1.0)).as("weight")
          : col(InputReader.quoted(field.name()));
      boolean identifies = field.name().equals(contract.idColumn());
      if (field.kept() || identifies) {
        out.add(field.kept() ? value : when(needsRecord, value).as(field.name()));
      }
    }
    out.add(col(REASON));
    out.add(when(needsRecord, rawRecord(raw)).as(RECORD));
    out.add(col(REPEATED_ID));
    Dataset<Row> checked = source.select(texts.toArray(Column[]::new)).select(values.toArray(Column[]::new))
        .withColumn(REASON, reason).select(out.toArray(Column[]::new));
    return new ValidatedInput(contract.source(), checked, contract.idColumn(),
        fields.stream().filter(f -> !f.kept()).map(Field::name).toList(), driverColumns);
  }

  /** A 64-bit hash of the id's text; null where the id is missing. */
  private static Column idHash(String idColumn) {
    Column text = nullif(trim(col(InputReader.quoted(idColumn)).cast("string")), lit(""));
    return when(text.isNotNull(), xxhash64(text));
  }

  private static Column rawColumn(String name) {
    return col(InputReader.quoted(RAW + name));
  }

  /** The field's text: for a typed (Parquet, Delta) column, made only for the reason of a rejected value. */
  private static Column text(Field field, boolean stringStored) {
    return stringStored ? col(InputReader.quoted(TEXT + field.name()))
        : nullif(trim(rawColumn(field.name()).cast("string")), lit(""));
  }

  /**
   * The row as read, as a struct: the malformed line, and every other column as text. Its text
   * ({@link #recordText}) is made only where a record is shown or ordered, on few rows: Spark
   * does not compile to_json, and in the pass over every row it slowed each row down.
   */
  private static Column rawRecord(Dataset<Row> raw) {
    return struct(rawColumn(InputReader.CORRUPT_RECORD).as(LINE), struct(Arrays.stream(raw.columns())
        .filter(c -> !c.equals(InputReader.CORRUPT_RECORD)).map(c -> rawColumn(c).cast("string").as(c))
        .toArray(Column[]::new)).as(FIELDS));
  }

  /** A {@link #RECORD} as text: the malformed line itself, or every column as text in JSON. */
  static Column recordText(Column record) {
    return coalesce(record.getField(LINE), to_json(record.getField(FIELDS)));
  }

  /** Any text column holding the replacement character the reader puts for bytes that are not UTF-8. */
  private static Column undecodable(Dataset<Row> raw) {
    Column any = lit(false);
    for (StructField f : raw.schema().fields()) {
      if (isString(f.dataType())) {
        any = any.or(coalesce(rawColumn(f.name()).contains("\uFFFD"), lit(false)));
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
  private static Column parsed(Field field, boolean stringStored) {
    Column source = rawColumn(field.name());
    Column text = text(field, stringStored);
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

  private static List<Rule> rules(Field field, boolean stringStored, InputContract contract) {
    String name = field.name();
    Column value = col(InputReader.quoted(name));
    Column text = text(field, stringStored);
    Column present = stringStored ? text.isNotNull() : rawColumn(name).isNotNull();
    List<Rule> rules = new ArrayList<>();
    if (field.required()) {
      rules.add(new Rule(present.unary_$bang(), lit(name + " is missing")));
    }
    rules.add(new Rule(present.and(value.isNull()),
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
      rules.add(new Rule(out, concat_ws("", lit(name + " "), value.cast("string"),
          lit(" is outside " + range(field)))));
    }
    if (field.maxKey() != null) {
      // For whole numbers the text is shown: a value beyond the long range has no exact long.
      Column shown = field.type() == FieldType.WHOLE_NUMBER ? text : value.cast("string");
      rules.add(new Rule(value.gt(field.max()), concat_ws("", lit(name + " "), shown,
          lit(" is above the plausible maximum " + fmt(field.max()) + " (" + field.maxKey() + ")"))));
    }
    if (field.allowed() != null) {
      rules.add(new Rule(text.isNotNull().and(text.isin(field.allowed().toArray()).unary_$bang()),
          concat_ws("", lit("unknown " + name + " '"), text, lit("'"))));
    }
    if (contract.latestDate() != null && (field.type() == FieldType.TIMESTAMP || field.type() == FieldType.DATE)) {
      LocalDate latest = contract.latestDate();
      Column future = field.type() == FieldType.DATE ? value.gt(lit(Date.valueOf(latest)))
          : value.geq(lit(Timestamp.from(latest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
      rules.add(new Rule(future, concat_ws("", lit(name + " "), text,
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
}
