package io.signalchain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of a run on data-samples/ (run date 2026-10-31) as a trusted version of the code
 * wrote them, kept under src/test/resources/reference/sample-run/: each analysis table as CSV,
 * compared row by row and cell by cell; customer_timeline, too large for CSV, as its row count
 * and the XOR of a 64-bit hash of each whole row, which any changed, missing or extra cell
 * changes. Numbers may differ by summation order only: 1e-9, relative to the larger of 1 and the
 * value. The run's identity (run_id, run_date) and timestamps are left out.
 *
 * <p>After an intended change of a table, rewrite the references with
 * {@code -Dreference.update=true} and review the diff.
 */
public final class SampleReferences {
  /** The tables kept as CSV: every output table but run_log (its ids and clock) and the timeline. */
  public static final List<String> CSV_TABLES = List.of("step_kpis", "step_priority", "channel_mix",
      "contact_reasons", "driver_models", "driver_importance", "driver_asymmetry", "driver_segments", "journey_steps",
      "kpi_trends", "kpi_alerts", "action_effects", "team_scorecards", "follow_ups", "follow_up_stats",
      "rejected_records");
  public static final String TIMELINE = "customer_timeline";
  /** Every table with a reference. */
  public static final List<String> TABLES = Stream.concat(CSV_TABLES.stream(), Stream.of(TIMELINE)).toList();
  private static final double TOLERANCE = 1e-9;
  /** How a missing value is written in the references (an empty quoted field is an empty string). */
  private static final String NULL = "NULL";
  private static final Path REFERENCES = TestConfigs.repositoryRoot()
      .resolve("jobs/src/test/resources/reference/sample-run");

  private SampleReferences() {}

  /** Asserts that {@code table} under the run output {@code output} equals its reference. */
  public static void assertMatches(Path output, String table) {
    if (table.equals(TIMELINE)) {
      assertTimelineMatches(output);
      return;
    }
    Dataset<Row> actual = comparable(CliRunner.table(output, table));
    Path reference = REFERENCES.resolve(table + ".csv");
    if (Boolean.getBoolean("reference.update")) {
      write(reference, csv(actual));
    }
    assertTrue(Files.isRegularFile(reference), "no reference at " + reference
        + "; write it with -Dreference.update=true from a trusted version");
    Dataset<Row> expected = SharedSpark.session().read().schema(actual.schema()).option("header", "true")
        .option("multiLine", "true").option("escape", "\"").option("nullValue", NULL).csv(reference.toString());
    assertTablesEqual(table, expected.collectAsList(), actual.collectAsList(), actual.schema());
  }

  private static void assertTimelineMatches(Path output) {
    Dataset<Row> timeline = CliRunner.table(output, TIMELINE);
    Row digest = timeline.agg(functions.count(functions.lit(1)), functions.bit_xor(functions.xxhash64(
        Arrays.stream(timeline.columns()).map(timeline::col).toArray(Column[]::new)))).first();
    String actual = "rows,row_hash_xor\n" + digest.getLong(0) + "," + digest.getLong(1) + "\n";
    Path reference = REFERENCES.resolve(TIMELINE + ".digest.csv");
    if (Boolean.getBoolean("reference.update")) {
      write(reference, actual);
    }
    try {
      assertEquals(Files.readString(reference), actual, TIMELINE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Without the run's identity and clock, ordered by every column (keys come first). */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    List<Column> kept = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      boolean identity = f.name().equals("run_id") || f.name().equals("run_date");
      if (!identity && !f.dataType().equals(DataTypes.TimestampType)) {
        // CSV holds no arrays: an array is compared as its elements joined by '|'.
        kept.add(f.dataType() instanceof ArrayType
            ? functions.concat_ws("|", table.col(f.name())).as(f.name()) : table.col(f.name()));
      }
    }
    Dataset<Row> selected = table.select(kept.toArray(Column[]::new));
    return selected.orderBy(Arrays.stream(selected.columns()).map(selected::col).toArray(Column[]::new));
  }

  private static void assertTablesEqual(String table, List<Row> expected, List<Row> actual, StructType schema) {
    assertEquals(expected.size(), actual.size(), table + ": rows");
    int compared = 0;
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < schema.size(); c++) {
        Object e = expected.get(r).get(c);
        Object a = actual.get(r).get(c);
        String where = table + " row " + r + " (" + expected.get(r).get(0) + ") column " + schema.fields()[c].name();
        if (e == null || a == null) {
          assertEquals(e, a, where);
        } else if (e instanceof Double d) {
          double x = (Double) a;
          if (!(Math.abs(d - x) <= TOLERANCE * Math.max(1.0, Math.abs(d)))) {
            fail(where + ": expected " + d + " but was " + x);
          }
        } else {
          assertEquals(e, a, where);
        }
        compared++;
      }
    }
    assertTrue(compared > 0, table + ": nothing compared");
  }

  private static String csv(Dataset<Row> table) {
    StringBuilder out = new StringBuilder(String.join(",", table.columns())).append('\n');
    DataType[] types = Arrays.stream(table.schema().fields()).map(StructField::dataType).toArray(DataType[]::new);
    for (Row row : table.collectAsList()) {
      for (int c = 0; c < types.length; c++) {
        if (c > 0) {
          out.append(',');
        }
        Object value = row.get(c);
        if (value instanceof String s) {
          out.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
          out.append(value == null ? NULL : value);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
