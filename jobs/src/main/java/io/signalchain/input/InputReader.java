package io.signalchain.input;

import io.signalchain.errors.Errors;
import io.signalchain.config.InputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one input as it is stored, before any validation. CSV is read as text (every value a
 * string, malformed lines kept whole in {@link #CORRUPT_RECORD}) so that validation, not the
 * reader, decides what is wrong with a row. Parquet and Delta keep their own types.
 */
public final class InputReader {
  public static final String CORRUPT_RECORD = "_corrupt_record";

  private InputReader() {}

  public static Dataset<Row> read(SparkSession spark, InputContract contract, InputSpec spec) {
    Dataset<Row> raw;
    try {
      raw = switch (spec.format()) {
        case "csv" -> readCsv(spark, contract, spec.path());
        case "parquet" -> spark.read().parquet(spec.path());
        case "delta" -> spark.read().format("delta").load(spec.path());
        default -> throw new IllegalArgumentException("unknown format " + spec.format());
      };
    } catch (org.apache.spark.sql.AnalysisException e) {
      throw Errors.inputMissing(contract.source(), spec.path(), firstLine(e.getMessage()), e);
    }
    return withContractColumns(raw, contract, spec.path());
  }

  private static Dataset<Row> readCsv(SparkSession spark, InputContract contract, String path)
      throws org.apache.spark.sql.AnalysisException {
    var reader = spark.read().option("header", "true").option("encoding", "UTF-8");
    // First the header alone, to learn the columns; then every column as text plus the raw line
    // of rows that do not fit the header.
    String[] header = reader.option("inferSchema", "false").csv(path).columns();
    if (header.length == 0) {
      throw Errors.emptyInput(contract.source(), path);
    }
    List<StructField> fields = new ArrayList<>();
    for (String column : header) {
      fields.add(DataTypes.createStructField(column.trim(), DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT_RECORD, DataTypes.StringType, true));
    return reader.schema(new StructType(fields.toArray(StructField[]::new)))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
        .csv(path);
  }

  /** Fails on missing required columns; adds missing optional ones as empty. */
  private static Dataset<Row> withContractColumns(Dataset<Row> raw, InputContract contract, String path) {
    Set<String> present = Set.of(raw.columns());
    List<String> missing = contract.requiredColumns().stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      List<String> columns = Arrays.stream(raw.columns()).filter(c -> !c.equals(CORRUPT_RECORD)).toList();
      throw Errors.missingColumns(contract.source(), path, missing, columns);
    }
    Dataset<Row> out = raw;
    for (Field field : contract.fields()) {
      if (!present.contains(field.name())) {
        out = out.withColumn(field.name(), functions.lit(null).cast(DataTypes.StringType));
      }
    }
    if (!present.contains(CORRUPT_RECORD)) {
      out = out.withColumn(CORRUPT_RECORD, functions.lit(null).cast(DataTypes.StringType));
    }
    return out;
  }

  private static String firstLine(String message) {
    return message == null ? "unknown reason" : message.lines().findFirst().orElse(message);
  }
}
