package io.signalchain.benchmark;

import io.signalchain.config.ConfigLoader;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.CustomerSignals;
import io.signalchain.pipeline.NightlyRun;
import io.signalchain.pipeline.RunInputs;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.OutputTable;
import io.signalchain.publish.RunContext;
import io.signalchain.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times the customer_timeline MERGE of a second night against writing the whole timeline, in one
 * JVM, alternating, on generated Parquet data (scale 1: a million survey responses, ten million
 * contacts, generated up to 2026-10-31). Night 1 is run date 2026-10-30, night 2 is 2026-10-31:
 * a day of new signals. Each night's signals are built once from the validated inputs (the
 * contacts validated with their ids, as the run does) and staged as Parquet, so both
 * measurements time the publishing only: (a) the whole timeline written into a new table,
 * (b) night 2 merged into a copy of the night-1 table. Prints seconds, medians and the ratio b / a.
 * Run with jobs/bin/benchmark-timeline DIR [REPEATS [STAGING_DIR]].
 */
public final class TimelineBenchmark {
  private static final LocalDate NIGHT_1 = LocalDate.parse("2026-10-30");
  private static final LocalDate NIGHT_2 = LocalDate.parse("2026-10-31");

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    // The staged signals are kept between invocations when a folder is given (they take minutes).
    Path staging = args.length > 2 ? Files.createDirectories(Path.of(args[2]))
        : Files.createTempDirectory("signalchain-benchmark-signals");
    Path work = Files.createTempDirectory("signalchain-benchmark-timeline");
    try (var job = SparkSessions.forJob("signalchain-benchmark", null)) {
      SparkSession spark = job.spark();
      spark.sparkContext().setLogLevel("WARN");
      Map<String, String> overrides = new LinkedHashMap<>();
      for (String input : List.of("survey_responses", "contacts", "process_volumes")) {
        overrides.put("inputs." + input + ".path", data.resolve(input).toString());
        overrides.put("inputs." + input + ".format", "parquet");
      }
      overrides.put("output.path", work.resolve("unused").toString());
      SignalchainConfig config = ConfigLoader.load(Path.of(System.getProperty("signalchain.home", "."),
          "conf", "signalchain.yaml"), overrides);
      RunInputs[] inputs = new RunInputs[1];

      // The signals of each night from the inputs, once: what the run computes before its MERGE.
      Map<LocalDate, Dataset<Row>> staged = new LinkedHashMap<>();
      for (LocalDate night : List.of(NIGHT_1, NIGHT_2)) {
        String path = staging.resolve("signals-" + night).toString();
        Path done = Path.of(path + ".staged");
        if (!Files.exists(done)) {
          if (inputs[0] == null) {
            inputs[0] = new NightlyRun(spark, config).validateInputs(LocalDate.now(ZoneOffset.UTC));
          }
          double s = seconds(() -> CustomerSignals.of(inputs[0].surveys().accepted(),
              inputs[0].contacts().accepted(), config, night).write().parquet(path));
          Files.writeString(done, String.format(Locale.ROOT, "%.1f s%n", s));
          System.out.printf(Locale.ROOT, "signals of %s built from the inputs and staged in %.1f s%n", night, s);
        }
        staged.put(night, spark.read().parquet(path));
        System.out.printf(Locale.ROOT, "signals of %s: %,d rows%n", night, staged.get(night).count());
      }
      Path base = work.resolve("night1");
      double first = seconds(() -> merge(base, staged.get(NIGHT_1), NIGHT_1));
      System.out.printf(Locale.ROOT, "night 1 written into a new table: %.1f s%n", first);

      List<Double> whole = new ArrayList<>();
      List<Double> merged = new ArrayList<>();
      for (int i = 1; i <= repeats; i++) {
        Path fresh = work.resolve("whole-" + i);
        whole.add(seconds(() -> merge(fresh, staged.get(NIGHT_2), NIGHT_2)));
        Path copy = work.resolve("merged-" + i);
        copy(base.resolve(OutputTable.CUSTOMER_TIMELINE.tableName()),
            copy.resolve(OutputTable.CUSTOMER_TIMELINE.tableName()));
        DeltaOutput.Merged[] result = new DeltaOutput.Merged[1];
        merged.add(seconds(() -> result[0] = merge(copy, staged.get(NIGHT_2), NIGHT_2)));
        System.out.printf(Locale.ROOT, "repeat %d: whole timeline %.1f s, merge of night 2 %.1f s (%,d inserted, "
            + "%,d updated)%n", i, whole.get(i - 1), merged.get(i - 1), result[0].inserted(), result[0].updated());
      }
      double a = median(whole);
      double b = median(merged);
      System.out.printf(Locale.ROOT, "median whole timeline %.1f s, median merge %.1f s, merge / whole %.2f%n", a, b,
          b / a);
    } finally {
      delete(work);
      if (args.length <= 2) {
        delete(staging);
      }
    }
  }

  private static DeltaOutput.Merged merge(Path output, Dataset<Row> signals, LocalDate night) {
    RunContext run = new RunContext(UUID.randomUUID().toString(), night, null, Instant.now());
    return new DeltaOutput(output.toString()).mergeHistory(OutputTable.CUSTOMER_TIMELINE, signals,
        NightlyRun.TIMELINE, run);
  }

  private static double seconds(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
