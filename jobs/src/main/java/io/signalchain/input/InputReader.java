package io.signalchain.input;

import io.signalchain.config.InputSpec;
import io.signalchain.errors.Errors;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads one input as it is stored, before any validation, with its columns under their contract
 * names ({@link StoredColumns}: case and surrounding spaces do not matter). CSV is read as text
 * (every value a string, malformed lines kept whole in {@link #CORRUPT_RECORD}; see
 * {@link CsvInput}) so that validation, not the reader, decides what is wrong with a row. Parquet
 * and Delta keep their own types.
 */
public final class InputReader {
  public static final String CORRUPT_RECORD = "_corrupt_record";

  private InputReader() {}

  public static Dataset<Row> read(SparkSession spark, InputContract contract, InputSpec spec) {
    Dataset<Row> raw;
    try {
      raw = switch (spec.format()) {
        case CSV -> CsvInput.read(spark, contract, spec);
        case PARQUET -> parquet(spark, contract, spec.path());
        case DELTA -> withReadNames(spark.read().format("delta").load(spec.path()), contract, spec.path());
      };
    } catch (AnalysisException e) {
      throw Errors.inputMissing(contract.source(), spec.path(), firstLine(e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw Errors.inputMissing(contract.source(), spec.path(), firstLine(e.getMessage()), e);
    }
    return withContractColumns(raw, contract);
  }

  private static Dataset<Row> parquet(SparkSession spark, InputContract contract, String path) {
    try {
      return withReadNames(spark.read().parquet(path), contract, path);
    } catch (Exception e) { // Spark's AnalysisException, undeclared in its signatures
      if (e instanceof AnalysisException a && "COLUMN_ALREADY_EXISTS".equals(a.getErrorClass())) {
        // Spark matches names ignoring case; the stored names, as they are, say which two collide
        StoredColumns.readNames(contract, path, caseSensitiveColumns(spark, path), Set.of());
      }
      throw e;
    }
  }

  private static List<String> caseSensitiveColumns(SparkSession spark, String path) {
    String setting = "spark.sql.caseSensitive";
    String before = spark.conf().get(setting);
    spark.conf().set(setting, "true");
    try {
      return Arrays.asList(spark.read().parquet(path).columns());
    } finally {
      spark.conf().set(setting, before);
    }
  }

  /** A typed table's columns under the names they are read as. */
  private static Dataset<Row> withReadNames(Dataset<Row> table, InputContract contract, String path) {
    List<String> stored = Arrays.asList(table.columns());
    List<String> names = StoredColumns.readNames(contract, path, stored, Set.of());
    requireColumns(contract, path, names);
    Column[] renamed = new Column[stored.size()];
    for (int i = 0; i < renamed.length; i++) {
      renamed[i] = table.col(quoted(stored.get(i))).as(names.get(i));
    }
    return table.select(renamed);
  }

  /** Stops the run when a file (or table) lacks a required column. */
  static void requireColumns(InputContract contract, String file, List<String> names) {
    List<String> missing = contract.requiredColumns().stream().filter(c -> !names.contains(c)).toList();
    if (!missing.isEmpty()) {
      List<String> columns = names.stream().filter(c -> !c.equals(CORRUPT_RECORD)).toList();
      throw Errors.missingColumns(contract.source(), file, missing, columns);
    }
  }

  /** Adds missing optional columns as empty, and an empty corrupt-record column to typed inputs. */
  private static Dataset<Row> withContractColumns(Dataset<Row> raw, InputContract contract) {
    Set<String> present = Set.of(raw.columns());
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

  /** A column name as Spark reads it literally, whatever it holds (dots, spaces, backticks). */
  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String firstLine(String message) {
    return message == null ? "unknown reason" : message.lines().findFirst().orElse(message);
  }
}
