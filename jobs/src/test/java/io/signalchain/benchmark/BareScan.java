package io.signalchain.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.xxhash64;

import io.signalchain.generate.SampleGenerator;
import io.signalchain.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The baseline of jobs/bin/benchmark-run: one Spark job that reads every column of every row of
 * the three inputs (a hash over all columns of each row, the largest hash and the row count per
 * input), in the session the nightly run gets from the launcher (embedded local[*] defaults).
 * CSV is read as the run reads it: header row, every column as text.
 * Usage: BareScan DIR parquet|csv
 */
public final class BareScan {
  private static final List<String> INPUTS = List.of(SampleGenerator.SURVEY_RESPONSES, SampleGenerator.CONTACTS,
      SampleGenerator.PROCESS_VOLUMES);

  private BareScan() {}

  public static void main(String[] args) {
    if (args.length != 2 || !List.of("parquet", "csv").contains(args[1])) {
      System.err.println("usage: BareScan DIR parquet|csv");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    boolean csv = args[1].equals("csv");
    long started = System.nanoTime();
    try (var job = SparkSessions.forJob("signalchain-bare-scan", null)) {
      SparkSession spark = job.spark();
      Dataset<Row> all = null;
      for (String input : INPUTS) {
        Dataset<Row> rows = read(spark, location(dir, input, csv), csv);
        Column[] columns = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Dataset<Row> summary = rows.agg(count(lit(1)).as(input + "_rows"), max(xxhash64(columns)).as(input + "_hash"));
        all = all == null ? summary : all.crossJoin(summary);
      }
      Row result = all.first();
      System.out.printf(Locale.ROOT, "bare scan: %,d survey responses, %,d contacts, %,d process volumes in %.1f s%n",
          result.getLong(0), result.getLong(2), result.getLong(4), (System.nanoTime() - started) / 1e9);
    }
  }

  /** The generator writes Parquet as a folder per input and CSV as one file per input. */
  static String location(Path dir, String input, boolean csv) {
    Path csvFile = dir.resolve(input + ".csv");
    return (csv && Files.exists(csvFile) ? csvFile : dir.resolve(input)).toString();
  }

  private static Dataset<Row> read(SparkSession spark, String path, boolean csv) {
    return csv ? spark.read().option("header", "true").option("inferSchema", "false").csv(path)
        : spark.read().parquet(path);
  }
}
