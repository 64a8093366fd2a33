package io.signalchain.drivers;

import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.DriverSettings;
import io.signalchain.drivers.stats.DriverAnalysis;
import io.signalchain.drivers.stats.DriverModel;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.input.InputContract;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Driver analysis of every step in one pass over the survey responses: a single distributed
 * aggregation of weighted moments per (step, answered-driver pattern); everything else — which
 * drivers a step has, listwise deletion, the regressions and all 2^k subsets for Shapley — follows
 * on the driver from those small matrices.
 */
public final class DriverStage {
  /** Driver columns are tracked as bits of a long. */
  public static final int MAX_DRIVER_COLUMNS = 62;

  private DriverStage() {}

  /**
   * @param surveys accepted survey responses in the window, on their units
   * @param driverColumns the driver_* columns of the input, in input order
   * @param units the steps to report on
   */
  public static DriverTables analyse(Dataset<Row> surveys, List<String> driverColumns, List<String> units,
      DriverSettings settings) {
    if (driverColumns.size() > MAX_DRIVER_COLUMNS) {
      throw new IllegalArgumentException("at most " + MAX_DRIVER_COLUMNS + " driver columns are supported, found "
          + driverColumns.size());
    }
    Map<String, List<PatternMoments>> byUnit = new LinkedHashMap<>();
    units.forEach(u -> byUnit.put(u, new ArrayList<>()));
    for (PatternMoments p : aggregate(surveys, settings.outcome().column(), driverColumns)) {
      byUnit.computeIfAbsent(p.unit(), u -> new ArrayList<>()).add(p);
    }
    var analysisSettings = new DriverAnalysis.Settings(settings.minResponses(), settings.maxShapleyDrivers());
    List<String> names = driverColumns.stream().map(c -> c.substring(InputContract.DRIVER_PREFIX.length())).toList();
    List<UnitModel> models = new ArrayList<>();
    for (var unit : byUnit.entrySet()) {
      DriverSelection selection = DriverSelection.choose(unit.getKey(), unit.getValue(), names, settings);
      Moments listwise = selection.listwiseMoments(unit.getValue());
      DriverModel model = DriverAnalysis.analyse(listwise, selection.names(), analysisSettings);
      models.add(new UnitModel(unit.getKey(), settings.outcome().column(), selection, model));
    }
    return DriverTables.of(surveys.sparkSession(), models);
  }

  /**
   * The one distributed pass: moments per (unit, pattern of answered drivers), folded per
   * partition and combined by key on the executors, so the driver receives one partial per
   * (unit, pattern) whatever the number of partitions (small matrices, never rows).
   */
  static List<PatternMoments> aggregate(Dataset<Row> surveys, String outcome, List<String> driverColumns) {
    JavaRDD<PatternMoments> partials = partitionPartials(surveys, outcome, driverColumns);
    int reducers = Math.max(1, Math.min(partials.getNumPartitions(), partials.context().defaultParallelism()));
    return partials
        .mapToPair(p -> new Tuple2<>(new Key(p.unit(), p.pattern()), p.moments()))
        .reduceByKey(Moments::merge, reducers)
        .map(e -> new PatternMoments(e._1().unit(), e._1().pattern(), e._2()))
        .collect();
  }

  /** Each partition's moments per (unit, pattern), before they are combined. */
  static JavaRDD<PatternMoments> partitionPartials(Dataset<Row> surveys, String outcome, List<String> driverColumns) {
    Column pattern = lit(0L);
    List<Column> columns = new ArrayList<>(List.of(col(UNIT), lit(0L), col(outcome).cast("double"),
        col("weight").cast("double")));
    for (int i = 0; i < driverColumns.size(); i++) {
      Column driver = col(driverColumns.get(i));
      pattern = pattern.plus(when(driver.isNotNull(), lit(1L << i)).otherwise(0L));
      columns.add(driver.cast("double"));
    }
    columns.set(1, pattern);
    return surveys.filter(col(outcome).isNotNull())
        .select(columns.toArray(Column[]::new))
        .queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new PartitionMoments());
  }

  /** The key the partials are combined by. */
  private record Key(String unit, long pattern) implements Serializable {}
}
