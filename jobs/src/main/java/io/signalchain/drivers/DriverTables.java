package io.signalchain.drivers;

import io.signalchain.drivers.stats.DriverImportance;
import io.signalchain.drivers.stats.DriverModel;
import io.signalchain.drivers.stats.DriverStatus;
import io.signalchain.drivers.stats.ImportanceBasis;
import io.signalchain.drivers.stats.ImportanceDifference;
import io.signalchain.drivers.stats.ImportanceIntervals;
import io.signalchain.drivers.stats.PenaltyReward;
import io.signalchain.drivers.stats.Estimate;
import io.signalchain.drivers.stats.RegressionFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The driver_models, driver_importance, driver_asymmetry and driver_segments tables of a run. Numbers that do not
 * exist are null, never NaN.
 */
public record DriverTables(Dataset<Row> models, Dataset<Row> importance, Dataset<Row> asymmetry,
    Dataset<Row> segments) {
  private static final DataType S = DataTypes.StringType;
  private static final DataType L = DataTypes.LongType;
  private static final DataType I = DataTypes.IntegerType;
  private static final DataType D = DataTypes.DoubleType;

  static final StructType MODEL_SCHEMA = new StructType()
      .add("step_id", S, false).add("outcome", S, false).add("status", S, false).add("explanation", S, true)
      .add("n", L, false).add("n_dropped", L, false).add("weight_sum", D, true)
      .add("drivers_considered", I, false).add("drivers_included", I, false)
      .add("r2", D, true).add("adj_r2", D, true).add("f_stat", D, true).add("f_df1", I, true).add("f_df2", I, true)
      .add("f_p_value", D, true).add("residual_std_error", D, true)
      .add("intercept", D, true).add("intercept_std_error", D, true).add("intercept_p_value", D, true)
      .add("importance_basis", S, false)
      .add("intercept_robust_std_error", D, true)
      .add("bootstrap_basis", S, false).add("bootstrap_replicates", I, true);

  static final StructType IMPORTANCE_SCHEMA = new StructType()
      .add("step_id", S, false).add("driver", S, false).add("status", S, false).add("note", S, true)
      .add("n", L, false).add("coefficient", D, true).add("std_error", D, true).add("t_value", D, true)
      .add("p_value", D, true).add("ci_lower", D, true).add("ci_upper", D, true)
      .add("significant", DataTypes.BooleanType, true)
      .add("std_beta", D, true).add("vif", D, true).add("shapley", D, true).add("relative_weight", D, true)
      .add("importance_pct", D, true).add("importance_rank", I, true).add("performance", D, true)
      .add("quadrant", S, false)
      .add("robust_std_error", D, true).add("robust_p_value", D, true)
      .add("shapley_ci_lower", D, true).add("shapley_ci_upper", D, true)
      .add("relative_weight_ci_lower", D, true).add("relative_weight_ci_upper", D, true)
      .add("importance_pct_ci_lower", D, true).add("importance_pct_ci_upper", D, true)
      .add("rank_ci_lower", I, true).add("rank_ci_upper", I, true)
      .add("noise_p_value", D, true).add("beats_noise", DataTypes.BooleanType, true);

  static final StructType ASYMMETRY_SCHEMA = new StructType()
      .add("step_id", S, false).add("driver", S, false).add("n", L, false)
      .add("bottom_box_share", D, true).add("top_box_share", D, true)
      .add("penalty", D, true).add("penalty_ci_lower", D, true).add("penalty_ci_upper", D, true)
      .add("penalty_p_value", D, true)
      .add("reward", D, true).add("reward_ci_lower", D, true).add("reward_ci_upper", D, true)
      .add("reward_p_value", D, true)
      .add("asymmetry_class", S, false).add("model_r2", D, true).add("note", S, true);

  static final StructType SEGMENT_SCHEMA = new StructType()
      .add("step_id", S, false).add("segment", S, false).add("status", S, false).add("explanation", S, true)
      .add("n", L, false).add("r2", D, true).add("rest_n", L, false).add("rest_r2", D, true)
      .add("chow_f", D, true).add("chow_df1", I, true).add("chow_df2", I, true).add("chow_p_value", D, true)
      .add("chow_p_adjusted", D, true).add("differs", DataTypes.BooleanType, true)
      .add("importance_driver", S, true).add("importance_difference", D, true)
      .add("importance_difference_ci_lower", D, true).add("importance_difference_ci_upper", D, true)
      .add("importance_difference_p_value", D, true).add("importance_difference_p_adjusted", D, true)
      .add("importance_differs", DataTypes.BooleanType, true);

  static DriverTables of(SparkSession spark, List<UnitModel> units, List<SegmentModel> segmentModels) {
    List<Row> models = new ArrayList<>();
    List<Row> importance = new ArrayList<>();
    List<Row> asymmetry = new ArrayList<>();
    for (UnitModel u : units) {
      models.add(modelRow(u));
      importance.addAll(importanceRows(u));
      asymmetry.addAll(asymmetryRows(u));
    }
    List<Row> segments = new ArrayList<>();
    for (SegmentModel s : segmentModels) {
      boolean tested = !Double.isNaN(s.chow().f());
      ImportanceDifference d = s.difference() == null ? ImportanceDifference.NONE : s.difference();
      boolean compared = !Double.isNaN(d.pValue());
      segments.add(RowFactory.create(s.unit(), s.segment(), s.status(), s.explanation(), s.fit().n(), num(s.fit().r2()),
          s.rest().n(), num(s.rest().r2()), num(s.chow().f()), tested ? s.chow().df1() : null,
          tested ? s.chow().df2() : null, num(s.chow().pValue()), num(s.adjustedP()),
          tested ? s.adjustedP() <= ImportanceIntervals.NOISE_FDR : null, s.importanceDriver(),
          num(d.difference()), num(d.ciLower()), num(d.ciUpper()), num(d.pValue()), num(s.importanceAdjustedP()),
          compared ? s.importanceAdjustedP() <= ImportanceIntervals.NOISE_FDR : null));
    }
    return new DriverTables(spark.createDataFrame(models, MODEL_SCHEMA),
        spark.createDataFrame(importance, IMPORTANCE_SCHEMA), spark.createDataFrame(asymmetry, ASYMMETRY_SCHEMA),
        spark.createDataFrame(segments, SEGMENT_SCHEMA));
  }

  /** One row per driver in the step's model; none for a step without a model. */
  private static List<Row> asymmetryRows(UnitModel u) {
    PenaltyReward.Result result = u.asymmetry();
    List<Row> rows = new ArrayList<>();
    if (result == null) {
      return rows;
    }
    for (PenaltyReward.DriverAsymmetry d : result.drivers()) {
      Estimate p = d.penalty();
      Estimate r = d.reward();
      rows.add(RowFactory.create(u.unit(), d.driver(), result.fit().n(), num(d.bottomShare()), num(d.topShare()),
          num(p.value()), num(p.ciLower()), num(p.ciUpper()), num(p.pValue()),
          num(r.value()), num(r.ciLower()), num(r.ciUpper()), num(r.pValue()),
          d.asymmetryClass().name(), num(result.fit().r2()), d.note()));
    }
    return rows;
  }

  private static Row modelRow(UnitModel u) {
    DriverModel m = u.model();
    RegressionFit f = m.regression();
    Estimate b0 = f.intercept();
    String explanation = join(u.selection().note(), u.selection().describe(u.used()), m.explanation());
    return RowFactory.create(u.unit(), u.outcome(), m.status().name(), explanation, u.used(), u.dropped(),
        num(f.weightSum()), u.selection().names().size(), f.includedDrivers(), num(f.r2()), num(f.adjR2()),
        num(f.fStatistic()), f.fitted() ? f.fDf1() : null, f.fitted() ? f.fDf2() : null, num(f.fPValue()),
        num(f.residualStandardError()), num(b0.value()), num(b0.stdError()), num(b0.pValue()),
        m.importanceBasis().name(), num(u.robust(0).stdError()),
        u.intervals() == null ? ImportanceBasis.NONE.name() : u.intervals().basis().name(),
        u.intervals() == null ? null : u.intervals().replicates());
  }

  private static List<Row> importanceRows(UnitModel u) {
    List<DriverImportance> drivers = u.model().drivers();
    List<DriverImportance> ranked = drivers.stream().filter(d -> !Double.isNaN(d.importancePct()))
        .sorted(Comparator.comparingDouble(DriverImportance::importancePct).reversed()).toList();
    List<Row> rows = new ArrayList<>();
    ImportanceIntervals intervals = u.intervals();
    for (int j = 0, inModel = 0; j < drivers.size(); j++) {
      DriverImportance d = drivers.get(j);
      Estimate b = d.fit().coefficient();
      Estimate robust = u.robust(j + 1);
      int rank = ranked.indexOf(d) + 1;
      int boot = intervals != null && d.status() == DriverStatus.INCLUDED && intervals.replicates() > 0 ? inModel : -1;
      if (d.status() == DriverStatus.INCLUDED) {
        inModel++;
      }
      List<Object> values = new ArrayList<>(Arrays.asList(u.unit(), d.driver(), d.status().name(), d.fit().note(),
          u.used(),
          num(b.value()), num(b.stdError()), num(b.tValue()), num(b.pValue()), num(b.ciLower()), num(b.ciUpper()),
          Double.isNaN(b.pValue()) ? null : b.pValue() < 0.05, num(d.fit().stdBeta()), num(d.fit().vif()),
          num(d.shapley()), num(d.relativeWeight()), num(d.importancePct()), rank == 0 ? null : rank,
          num(d.performance()), d.quadrant().name(), num(robust.stdError()), num(robust.pValue())));
      values.addAll(boot < 0 ? Collections.nCopies(10, null) : Arrays.asList(
          num(intervals.shapley()[boot][0]), num(intervals.shapley()[boot][1]),
          num(intervals.relativeWeight()[boot][0]), num(intervals.relativeWeight()[boot][1]),
          num(intervals.importancePct()[boot][0]), num(intervals.importancePct()[boot][1]),
          intervals.rank()[boot][0], intervals.rank()[boot][1], num(intervals.noisePValue()[boot]),
          intervals.beatsNoise(boot)));
      rows.add(RowFactory.create(values.toArray()));
    }
    return rows;
  }

  private static Double num(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static String join(String... parts) {
    return String.join("; ", Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
  }

}
