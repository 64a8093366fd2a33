package io.signalchain.drivers;

import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.signalchain.config.DriverSettings;
import io.signalchain.drivers.stats.DriverAnalysis;
import io.signalchain.drivers.stats.DriverFit;
import io.signalchain.drivers.stats.DriverModel;
import io.signalchain.drivers.stats.DriverStatus;
import io.signalchain.drivers.stats.Estimate;
import io.signalchain.drivers.stats.Hc3Sandwich;
import io.signalchain.drivers.stats.ImportanceDifference;
import io.signalchain.drivers.stats.ImportanceBasis;
import io.signalchain.drivers.stats.ImportanceIntervals;
import io.signalchain.drivers.stats.ModelStatus;
import io.signalchain.drivers.stats.RegressionFit;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.PenaltyReward;
import io.signalchain.input.InputContract;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Driver analysis of every step in two passes over the survey responses. The first is a single
 * distributed aggregation of weighted moments per (step, answered-driver pattern); which drivers a
 * step has, listwise deletion, the regressions and all 2^k subsets for Shapley follow on the driver
 * from those small matrices. The second needs the fitted coefficients: every step's listwise rows
 * add their HC3 sandwich terms, their Poisson-bootstrap replicate sums and the moments of their
 * bottom- and top-box dummies (penalty–reward), again combined per step on the executors. The
 * responses are read from the input once, into {@link ResponseBlock}s kept for both passes.
 */
public final class DriverStage {
  /** Driver columns are tracked as bits of a long. */
  public static final int MAX_DRIVER_COLUMNS = 62;

  /** The column the bootstrap hashes for each response's Poisson counts. */
  static final String RESPONSE_ID = "response_id";

  /** The column segments are read from. */
  static final String SEGMENT = "segment";

  /** Joins step and segment in the first pass's key (a character no id contains). */
  private static final String SEGMENT_SEPARATOR = "\u0001";

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
    // With segments the first pass keys by (step, segment, pattern); a step's model merges its segments.
    boolean segmented = settings.segments() && Arrays.asList(surveys.columns()).contains(SEGMENT);
    boolean idHash = settings.bootstrap().enabled() && Arrays.asList(surveys.columns()).contains(RESPONSE_ID);
    // Both passes read the responses once: the second reads the kept blocks, not the input again.
    JavaRDD<ResponseBlock> blocks = blocks(surveys, settings.outcome().column(), driverColumns, idHash, segmented)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return analyse(surveys, blocks, driverColumns, units, settings, segmented);
    } finally {
      blocks.unpersist(false);
    }
  }

  private static DriverTables analyse(Dataset<Row> surveys, JavaRDD<ResponseBlock> blocks, List<String> driverColumns,
      List<String> units, DriverSettings settings, boolean segmented) {
    Map<String, List<PatternMoments>> byUnit = new LinkedHashMap<>();
    units.forEach(u -> byUnit.put(u, new ArrayList<>()));
    Map<String, Map<String, List<PatternMoments>>> bySegment = new LinkedHashMap<>();
    for (PatternMoments p : aggregate(blocks, segmented)) {
      String unit = p.unit();
      if (segmented) {
        int cut = unit.indexOf(SEGMENT_SEPARATOR);
        String segment = unit.substring(cut + 1);
        unit = unit.substring(0, cut);
        // Responses without a segment ("") belong to every segment's rest, but are no segment themselves.
        bySegment.computeIfAbsent(unit, u -> new TreeMap<>()).computeIfAbsent(segment, g -> new ArrayList<>()).add(p);
      }
      byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(p);
    }
    var analysisSettings = new DriverAnalysis.Settings(settings.minResponses(), settings.maxShapleyDrivers());
    List<String> names = driverColumns.stream().map(c -> c.substring(InputContract.DRIVER_PREFIX.length())).toList();
    List<UnitModel> models = new ArrayList<>();
    List<SegmentModel> segments = new ArrayList<>();
    Map<String, ResamplePlan> plans = new LinkedHashMap<>();
    for (var unit : byUnit.entrySet()) {
      DriverSelection selection = DriverSelection.choose(unit.getKey(), unit.getValue(), names, settings);
      Moments listwise = selection.listwiseMoments(unit.getValue());
      DriverModel model = DriverAnalysis.analyse(listwise, selection.names(), analysisSettings);
      models.add(new UnitModel(unit.getKey(), settings.outcome().column(), selection, model, null, null, null));
      ResamplePlan plan = plan(selection, listwise, model, settings);
      if (plan != null) {
        plans.put(unit.getKey(), segmented ? plan.withSegments() : plan);
        segments.addAll(segmentModels(unit.getKey(), selection, listwise, model,
            bySegment.getOrDefault(unit.getKey(), Map.of()), settings.minResponses()));
      }
    }
    if (!plans.isEmpty() && settings.bootstrap().enabled() && !Arrays.asList(surveys.columns()).contains(RESPONSE_ID)) {
      throw new IllegalArgumentException("the bootstrap draws its Poisson counts from the " + RESPONSE_ID
          + " column, which the survey responses lack");
    }
    Map<String, ResampleSums> sums = plans.isEmpty() ? Map.of() : resample(blocks, plans);
    List<UnitModel> resampled = new ArrayList<>();
    for (UnitModel m : models) {
      ResamplePlan plan = plans.get(m.unit());
      ResampleSums s = sums.get(m.unit());
      resampled.add(plan == null || s == null ? m
          : m.withResampling(robust(plan, s, m.model()), s.intervals(),
              PenaltyReward.analyse(s.boxes(), modelDrivers(m.model()), settings.minResponses())));
    }
    Map<String, List<String>> modelDrivers = new HashMap<>();
    models.forEach(m -> modelDrivers.put(m.unit(), modelDrivers(m.model())));
    List<SegmentModel> withDifferences = new ArrayList<>();
    for (SegmentModel s : segments) {
      ResampleSums step = sums.get(s.unit());
      ImportanceDifference difference = step == null || step.differences() == null ? null
          : step.differences().getOrDefault(s.segment(), ImportanceDifference.NONE);
      withDifferences.add(s.withDifference(difference, modelDrivers.get(s.unit())));
    }
    return DriverTables.of(surveys.sparkSession(), resampled, adjusted(withDifferences));
  }

  /** Each segment of a step with a model against the rest of the step, on the model's drivers. */
  private static List<SegmentModel> segmentModels(String unit, DriverSelection selection, Moments listwise,
      DriverModel model, Map<String, List<PatternMoments>> bySegment, int minResponses) {
    List<SegmentModel> out = new ArrayList<>();
    int[] variables = modelVariables(model);
    Moments pooled = listwise.select(variables);
    List<String> drivers = modelDrivers(model);
    for (var segment : bySegment.entrySet()) {
      if (segment.getKey().isEmpty()) {
        continue;
      }
      Moments rest = new Moments(variables.length);
      for (var other : bySegment.entrySet()) {
        if (!other.getKey().equals(segment.getKey())) {
          rest.merge(selection.listwiseMoments(other.getValue()).select(variables));
        }
      }
      Moments own = selection.listwiseMoments(segment.getValue()).select(variables);
      out.add(SegmentModel.of(unit, segment.getKey(), model.regression(), pooled, own, rest, drivers,
          minResponses));
    }
    return out;
  }

  /**
   * Benjamini–Hochberg over every segment test of the run (steps × segments), separately for the
   * Chow tests and for the differences in importance.
   */
  private static List<SegmentModel> adjusted(List<SegmentModel> segments) {
    double[] p = segments.stream().mapToDouble(s -> s.chow().pValue()).toArray();
    double[] adjusted = ImportanceIntervals.benjaminiHochberg(p);
    double[] importanceP = segments.stream()
        .mapToDouble(s -> s.difference() == null ? Double.NaN : s.difference().pValue()).toArray();
    double[] importanceAdjusted = ImportanceIntervals.benjaminiHochberg(importanceP);
    List<SegmentModel> out = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      out.add(segments.get(i).adjusted(adjusted[i], importanceAdjusted[i]));
    }
    return out;
  }

  /** The outcome (0) and the positions (1..k) of the drivers in a fitted model among those asked. */
  private static int[] modelVariables(DriverModel model) {
    List<Integer> variables = new ArrayList<>(List.of(0));
    for (int j = 0; j < model.regression().drivers().size(); j++) {
      if (model.regression().drivers().get(j).status() == DriverStatus.INCLUDED) {
        variables.add(j + 1);
      }
    }
    return variables.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The second pass's plan of a step: only a fitted model with residual variance has HC3 errors.
   * Null when the pass has nothing to do for the step.
   */
  static ResamplePlan plan(DriverSelection selection, Moments listwise, DriverModel model, DriverSettings settings) {
    DriverSettings.Bootstrap bootstrap = settings.bootstrap();
    RegressionFit fit = model.regression();
    if (model.status() != ModelStatus.OK) {
      return null;
    }
    List<Integer> positions = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    List<Integer> selected = selection.columns();
    for (int j = 0; j < fit.drivers().size(); j++) {
      if (fit.drivers().get(j).status() == DriverStatus.INCLUDED) {
        positions.add(j + 1);
        columns.add(selected.get(j));
      }
    }
    int[] variables = new int[positions.size() + 1];
    double[] slopes = new double[positions.size()];
    for (int u = 0; u < positions.size(); u++) {
      variables[u + 1] = positions.get(u);
      slopes[u] = fit.drivers().get(positions.get(u) - 1).coefficient().value();
    }
    Moments inModel = listwise.select(variables);
    Hc3Sandwich sandwich = Hc3Sandwich.of(inModel, slopes);
    double[] centre = Arrays.copyOf(inModel.means(), variables.length + 1);
    // Intervals of Shapley when the model's importance is Shapley and small enough, else of relative weights.
    ImportanceBasis basis = model.importanceBasis() == ImportanceBasis.SHAPLEY
        && slopes.length <= bootstrap.maxShapleyDrivers() ? ImportanceBasis.SHAPLEY : ImportanceBasis.RELATIVE_WEIGHTS;
    return new ResamplePlan(selection.drivers(), columns.stream().mapToInt(Integer::intValue).toArray(), sandwich,
        centre, bootstrap.replicates(), bootstrap.seed(), basis, settings.asymmetry().bottomBoxMax(),
        settings.asymmetry().topBoxMin(), false);
  }

  /** The names of the drivers in a fitted model, in order. */
  private static List<String> modelDrivers(DriverModel model) {
    return model.regression().drivers().stream().filter(d -> d.status() == DriverStatus.INCLUDED)
        .map(DriverFit::driver).toList();
  }

  /** HC3 estimates of the intercept and every driver asked (null for drivers not in the model). */
  private static Estimate[] robust(ResamplePlan plan, ResampleSums sums, DriverModel model) {
    RegressionFit fit = model.regression();
    Estimate[] inModel = plan.sandwich().estimates(sums.meat(), fit.intercept().value(), fit.residualDf());
    Estimate[] all = new Estimate[fit.drivers().size() + 1];
    all[0] = inModel[0];
    for (int j = 0, u = 1; j < fit.drivers().size(); j++) {
      if (fit.drivers().get(j).status() == DriverStatus.INCLUDED) {
        all[j + 1] = inModel[u++];
      }
    }
    return all;
  }

  /**
   * The second distributed pass: every step's listwise rows add themselves to that step's sums
   * (HC3 meat, bootstrap buckets, box dummies), folded per partition and combined by step on the
   * executors, where each step's replicates also become its importance intervals: the driver
   * receives small summaries, one per step.
   */
  static Map<String, ResampleSums> resample(JavaRDD<ResponseBlock> blocks, Map<String, ResamplePlan> plans) {
    int reducers = Math.max(1, Math.min(blocks.getNumPartitions(), blocks.context().defaultParallelism()));
    Map<String, ResampleSums> sums = new HashMap<>();
    Map<String, ResamplePlan> shipped = new HashMap<>(plans);
    blocks.mapPartitions(new PartitionResample(shipped))
        .mapToPair(t -> t)
        .reduceByKey(ResampleSums::merge, reducers)
        .mapToPair(t -> new Tuple2<>(t._1(), t._2().summarised(shipped.get(t._1()))))
        .collect()
        .forEach(t -> sums.put(t._1(), t._2()));
    return sums;
  }

  /**
   * The first distributed pass: moments per (unit, pattern of answered drivers), folded per
   * partition and combined by key on the executors, so the driver receives one partial per
   * (unit, pattern) whatever the number of partitions (small matrices, never rows). With
   * {@code bySegment} the unit is the step and the segment joined by {@link #SEGMENT_SEPARATOR}.
   */
  static List<PatternMoments> aggregate(JavaRDD<ResponseBlock> blocks, boolean bySegment) {
    JavaRDD<PatternMoments> partials = blocks.mapPartitions(new PartitionMoments(bySegment, SEGMENT_SEPARATOR));
    int reducers = Math.max(1, Math.min(partials.getNumPartitions(), partials.context().defaultParallelism()));
    return partials
        .mapToPair(p -> new Tuple2<>(new Key(p.unit(), p.pattern()), p.moments()))
        .reduceByKey(Moments::merge, reducers)
        .map(e -> new PatternMoments(e._1().unit(), e._1().pattern(), e._2()))
        .collect();
  }

  /** The first pass over responses read for it alone. */
  static List<PatternMoments> aggregate(Dataset<Row> surveys, String outcome, List<String> driverColumns) {
    return aggregate(blocks(surveys, outcome, driverColumns, false, false), false);
  }

  /** Each partition's moments per (unit, pattern), before they are combined. */
  static JavaRDD<PatternMoments> partitionPartials(Dataset<Row> surveys, String outcome, List<String> driverColumns) {
    return blocks(surveys, outcome, driverColumns, false, false).mapPartitions(new PartitionMoments(false, ""));
  }

  /**
   * Responses with an outcome, one {@link ResponseBlock} per partition: unit, pattern, outcome,
   * weight, every driver column, with {@code idHash} the 64-bit hash of the response id, and with
   * {@code segment} the segment ("" for none).
   */
  private static JavaRDD<ResponseBlock> blocks(Dataset<Row> surveys, String outcome, List<String> driverColumns,
      boolean idHash, boolean segment) {
    Column pattern = lit(0L);
    List<Column> columns = new ArrayList<>(List.of(col(UNIT), lit(0L), col(outcome).cast("double"),
        col("weight").cast("double")));
    for (int i = 0; i < driverColumns.size(); i++) {
      Column driver = col(driverColumns.get(i));
      pattern = pattern.plus(when(driver.isNotNull(), lit(1L << i)).otherwise(0L));
      columns.add(driver.cast("double"));
    }
    columns.set(1, pattern);
    if (idHash) {
      columns.add(xxhash64(col(RESPONSE_ID)));
    }
    if (segment) {
      columns.add(coalesce(col(SEGMENT), lit("")));
    }
    int count = driverColumns.size();
    return surveys.filter(col(outcome).isNotNull())
        .select(columns.toArray(Column[]::new))
        .queryExecution().toRdd().toJavaRDD()
        .mapPartitions(rows -> List.of(ResponseBlock.read(rows, count, idHash, segment)).iterator());
  }

  /** The key the partials are combined by. */
  private record Key(String unit, long pattern) implements Serializable {}
}
