package io.signalchain.benchmark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;

import io.signalchain.config.DriverOutcome;
import io.signalchain.config.DriverSettings;
import io.signalchain.drivers.DriverStage;
import io.signalchain.drivers.DriverTables;
import io.signalchain.generate.GenerateOptions;
import io.signalchain.generate.SampleGenerator;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;

/**
 * Times the driver stage against two baselines in one JVM and one run, on generated data
 * (scale 1: a million survey responses, 14 driver columns): a bare scan of the same responses
 * (the sum of every column) and Spark MLlib's LinearRegression (normal solver, with p-values)
 * fitted per unit. Units are step × completion channel, so there are well over 60.
 * Prints seconds and ratios; run with jobs/bin/benchmark-drivers [DIR].
 */
public final class DriverStageBenchmark {
  private static final int REPEATS = 3;

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/signalchain-scale1");
    try (var job = SparkSessions.forJob("signalchain-benchmark", "local[*]")) {
      SparkSession spark = job.spark();
      spark.sparkContext().setLogLevel("WARN");
      if (!Files.isDirectory(dir.resolve(SampleGenerator.SURVEY_RESPONSES))) {
        System.out.println("generating scale 1 (Parquet) into " + dir);
        SampleGenerator.generate(spark, new GenerateOptions(dir.toString(), 1.0, 42, "parquet",
            LocalDate.of(2026, 10, 31), 120));
      }
      run(spark, spark.read().parquet(dir.resolve(SampleGenerator.SURVEY_RESPONSES).toString()));
    }
  }

  static void run(SparkSession spark, Dataset<Row> responses) {
    List<String> drivers = Arrays.stream(responses.columns()).filter(c -> c.startsWith("driver_")).toList();
    Dataset<Row> units = analysable(responses, drivers);
    List<String> unitIds = units.select(JourneyConformance.UNIT).distinct().orderBy(JourneyConformance.UNIT)
        .as(Encoders.STRING()).collectAsList();
    long rows = responses.count();
    System.out.printf(Locale.ROOT, "%,d responses, %d driver columns, %d units (step × channel), %d cores%n",
        rows, drivers.size(), unitIds.size(), Runtime.getRuntime().availableProcessors());

    // The stage as the nightly run runs it with everything on: 200 bootstrap replicates, penalty–reward, segments.
    DriverSettings settings = new DriverSettings(DriverOutcome.SATISFACTION, 30, 0.5, 20, Map.of(),
        DriverSettings.Bootstrap.DEFAULT, DriverSettings.Asymmetry.DEFAULT, true);
    double scan = best("bare scan (sum of every column)", () -> scanAll(responses));
    DriverTables[] result = new DriverTables[1];
    double stage = best("driver stage (all units, Shapley)", () -> {
      result[0] = DriverStage.analyse(units, drivers, unitIds, settings);
      return result[0].models().count();
    });
    if (Boolean.getBoolean("benchmark.skipMllib")) {
      System.out.printf(Locale.ROOT, "%nratio driver stage / bare scan : %6.2f  (target ≤ 3 with the bootstrap)%n",
          stage / scan);
      return;
    }
    Map<String, List<String>> included = includedDrivers(result[0]);
    long started = System.nanoTime();
    Map<String, LinearRegressionModel> mllib = new LinkedHashMap<>();
    for (var unit : included.entrySet()) {
      mllib.put(unit.getKey(), fitMllib(units, unit.getKey(), unit.getValue()));
    }
    double perUnit = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "%-40s %8.2f s  (%d fits, one run)%n", "MLlib LinearRegression per unit", perUnit,
        mllib.size());
    System.out.printf(Locale.ROOT, "%nratio driver stage / bare scan : %6.2f  (target ≤ 3 with the bootstrap)%n",
        stage / scan);
    System.out.printf(Locale.ROOT, "ratio MLlib per unit / driver stage : %6.1f  (target ≥ 20)%n", perUnit / stage);
    System.out.printf(Locale.ROOT, "largest relative coefficient difference to MLlib: %.2e%n",
        largestDifference(result[0], mllib, included));
  }

  /** The rows the driver stage accepts (the validation stage guarantees these), on step × channel units. */
  static Dataset<Row> analysable(Dataset<Row> responses, List<String> drivers) {
    Column ok = col("satisfaction").between(1, 10).and(coalesce(col("weight"), lit(1.0)).gt(0))
        .and(col("step_id").isNotNull()).and(col("channel").isNotNull());
    for (String d : drivers) {
      ok = ok.and(col(d).isNull().or(col(d).between(1, 10)));
    }
    return responses.filter(ok)
        .withColumn("weight", coalesce(col("weight"), lit(1.0)))
        .withColumn(JourneyConformance.UNIT, concat_ws("|", col("step_id"), col("channel")));
  }

  static long scanAll(Dataset<Row> responses) {
    List<Column> sums = new ArrayList<>();
    for (var field : responses.schema().fields()) {
      Column c = col(field.name());
      sums.add(sum(field.dataType() instanceof NumericType ? c
          : field.dataType() instanceof StringType ? length(c) : unix_timestamp(c)));
    }
    return responses.agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).first().size();
  }

  static Map<String, List<String>> includedDrivers(DriverTables tables) {
    Map<String, List<String>> included = new LinkedHashMap<>();
    tables.importance().filter("status = 'INCLUDED' and coefficient is not null").orderBy("step_id", "driver")
        .collectAsList()
        .forEach(r -> included.computeIfAbsent(r.getString(0), u -> new ArrayList<>()).add(r.getString(1)));
    return included;
  }

  static LinearRegressionModel fitMllib(Dataset<Row> units, String unit, List<String> drivers) {
    String[] columns = drivers.stream().map(d -> "driver_" + d).toArray(String[]::new);
    Dataset<Row> data = units.filter(col(JourneyConformance.UNIT).equalTo(unit)).na().drop(columns);
    Dataset<Row> features = new VectorAssembler().setInputCols(columns).setOutputCol("features").transform(data);
    LinearRegressionModel model = new LinearRegression().setSolver("normal").setWeightCol("weight")
        .setLabelCol("satisfaction").setFeaturesCol("features").setRegParam(0).fit(features);
    model.summary().pValues();
    return model;
  }

  static double largestDifference(DriverTables ours, Map<String, LinearRegressionModel> mllib,
      Map<String, List<String>> included) {
    double largest = 0;
    for (var unit : included.entrySet()) {
      double[] theirs = mllib.get(unit.getKey()).coefficients().toArray();
      Map<String, Double> mine = new LinkedHashMap<>();
      ours.importance().filter(col("step_id").equalTo(unit.getKey())).collectAsList()
          .forEach(r -> mine.put(r.getString(1), r.isNullAt(5) ? Double.NaN : r.getDouble(5)));
      for (int j = 0; j < theirs.length; j++) {
        double m = mine.get(unit.getValue().get(j));
        largest = Math.max(largest, Math.abs(m - theirs[j]) / Math.max(1e-12, Math.abs(theirs[j])));
      }
    }
    return largest;
  }

  /** The fastest of a warm-up and {@value #REPEATS} timed runs. */
  static double best(String name, Supplier<Object> work) {
    work.get();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < REPEATS; i++) {
      long started = System.nanoTime();
      work.get();
      best = Math.min(best, (System.nanoTime() - started) / 1e9);
    }
    System.out.printf(Locale.ROOT, "%-40s %8.2f s  (best of %d after a warm-up)%n", name, best, REPEATS);
    return best;
  }
}
