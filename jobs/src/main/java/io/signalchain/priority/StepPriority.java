package io.signalchain.priority;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.ExperienceMeasure;
import io.signalchain.config.JourneyStep;
import io.signalchain.config.NeededStepThresholds;
import io.signalchain.config.PrioritySettings;
import io.signalchain.config.SignalchainConfig;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The step_priority table: where to start. Each journey step gets three signals from its step
 * KPIs — experience (survey), euros (cost of its contacts) and impact (passes through the step) —
 * each normalised as the step's share of its ranked set's total, so a score reads as "this step
 * carries 23% of the contact cost of its set". Top-level steps are ranked among themselves and
 * sub-steps among their siblings, because a parent already holds its sub-steps' signals. A step
 * lacking a signal is ranked on the signals it has (the weights of those re-scaled to sum to 1)
 * and says so. The table also asks whether a step is needed at all.
 */
public final class StepPriority {
  public static final String TOP_LEVEL = "top";
  private static final StructType STEPS = new StructType()
      .add("step_id", DataTypes.StringType, false)
      .add("ranked_set", DataTypes.StringType, false)
      .add("journey_position", DataTypes.IntegerType, false)
      .add("target_satisfaction", DataTypes.DoubleType, false);
  private static final UserDefinedFunction EUROS =
      udf((UDF1<Double, String>) CompactAmount::euros, DataTypes.StringType);
  private static final UserDefinedFunction AMOUNT =
      udf((UDF1<Double, String>) CompactAmount::of, DataTypes.StringType);

  private StepPriority() {}

  /** From the step_kpis table of the same run; the unclassified pseudo-step is not a step to rank. */
  public static Dataset<Row> compute(Dataset<Row> stepKpis, SignalchainConfig config) {
    PrioritySettings settings = config.priority();
    WindowSpec set = Window.partitionBy("ranked_set");
    Dataset<Row> steps = stepKpis.join(rankedSets(stepKpis, config), "step_id")
        .withColumn("experience_value", experienceValue(settings.experienceMeasure()))
        .withColumn("euro_value", when(col("contacts").gt(0), col("contact_cost_eur")))
        .withColumn("impact_value", when(col("process_volume").gt(0), col("process_volume").cast("double")))
        .withColumn("ranked_set_size", count(lit(1)).over(set).cast("int"));
    for (String signal : List.of("experience", "euro", "impact")) {
      Column value = col(signal + "_value");
      Column total = sum(value).over(set);
      steps = steps
          .withColumn(signal + "_score", when(value.isNotNull(), when(total.gt(0), value.divide(total)).otherwise(0.0)))
          .withColumn(signal + "_rank", when(value.isNotNull(), rank().over(set.orderBy(value.desc_nulls_last()))))
          .withColumn(signal + "_ranked", count(value).over(set).cast("int"));
    }
    Column weighted = lit(0.0);
    Column weightOfPresent = lit(0.0);
    for (var signal : List.of(
        new Signal("experience", settings.experienceWeight()),
        new Signal("euro", settings.euroWeight()),
        new Signal("impact", settings.impactWeight()))) {
      Column score = col(signal.name() + "_score");
      weighted = weighted.plus(coalesce(score.multiply(signal.weight()), lit(0.0)));
      weightOfPresent = weightOfPresent.plus(when(score.isNotNull(), lit(signal.weight())).otherwise(0.0));
    }
    steps = steps.withColumn("priority_score", when(weightOfPresent.gt(0), weighted.divide(weightOfPresent)));
    // Ties go to the step with the higher contact cost, then to the earlier step in the journey.
    steps = steps.withColumn("priority_rank", row_number().over(set.orderBy(col("priority_score").desc_nulls_last(),
        col("contact_cost_eur").desc(), col("journey_position").asc())));
    Column complaintRate = when(col("contacts").gt(0), col("complaints").divide(col("contacts")));
    steps = steps.withColumn("complaint_rate", complaintRate);
    Column neededFlag = neededFlag(config.neededStepThresholds());
    return steps.select(
        col("step_id"),
        col("ranked_set"),
        col("priority_rank"),
        col("priority_score").isNotNull().and(col("priority_rank").leq(settings.topN())).as("is_top"),
        col("priority_score"),
        col("experience_score"),
        col("euro_score"),
        col("impact_score"),
        signalsMissing().as("signals_missing"),
        explanation(settings.experienceMeasure()).as("explanation"),
        col("satisfaction_mean"),
        col("experience_value"),
        col("contact_cost_eur"),
        col("process_volume"),
        col("contacts"),
        col("complaints"),
        col("contacts_per_1000"),
        col("complaint_rate"),
        neededFlag.as("needed_flag"),
        when(neededFlag, neededReason(config.neededStepThresholds())).as("needed_reason"),
        col("ranked_set_size"));
  }

  private record Signal(String name, double weight) {}

  /**
   * step id → its ranked set (top or the parent id), its position in the journey (for ties) and its
   * target satisfaction ({@code targets.per_step}, else {@code targets.satisfaction}).
   */
  private static Dataset<Row> rankedSets(Dataset<Row> anyInput, SignalchainConfig config) {
    List<Row> rows = new ArrayList<>();
    int position = 0;
    for (JourneyStep s : config.journey().steps()) {
      rows.add(RowFactory.create(s.id(), s.isTopLevel() ? TOP_LEVEL : s.parentId(), ++position,
          config.targetSatisfaction(s.id())));
    }
    return anyInput.sparkSession().createDataFrame(rows, STEPS);
  }

  /** Larger is worse; null without survey responses. The gap is to the step's own target. */
  private static Column experienceValue(ExperienceMeasure measure) {
    Column value = switch (measure) {
      case GAP_TO_TARGET -> greatest(col("target_satisfaction").minus(col("satisfaction_mean")), lit(0.0));
      case NOT_TOP2_SHARE -> lit(100.0).minus(col("satisfaction_top2_pct")).divide(100.0);
    };
    return when(col("responses").gt(0), value);
  }

  private static Column signalsMissing() {
    Column missing = concat_ws(", ",
        when(col("experience_value").isNull(), lit("experience")),
        when(col("euro_value").isNull(), lit("euro")),
        when(col("impact_value").isNull(), lit("impact")));
    return when(missing.notEqual(""), missing);
  }

  /**
   * e.g. "contact cost €1.2M (rank 1 of 11); satisfaction 6.1 vs target 7.5 (rank 3 of 11); 410k passes (rank 2
   * of 11)".
   */
  private static Column explanation(ExperienceMeasure measure) {
    Column euro = when(col("euro_value").isNotNull(), concat(lit("contact cost "), EUROS.apply(col("euro_value")),
        ofRanked("euro"))).otherwise(lit("no contacts"));
    Column experience = switch (measure) {
      case GAP_TO_TARGET -> format_string("satisfaction %.1f vs target %.1f", col("satisfaction_mean"),
          col("target_satisfaction"));
      case NOT_TOP2_SHARE -> format_string("satisfaction %.1f, %.0f%% of answers outside the top 2",
          col("satisfaction_mean"), col("experience_value").multiply(100.0));
    };
    experience = when(col("experience_value").isNotNull(), concat(experience, ofRanked("experience")))
        .otherwise(lit("no survey responses"));
    Column impact = when(col("impact_value").isNotNull(), concat(AMOUNT.apply(col("impact_value")), lit(" passes"),
        ofRanked("impact"))).otherwise(lit("no process volume"));
    Column present = concat_ws(" and ",
        when(col("experience_value").isNotNull(), lit("experience")),
        when(col("euro_value").isNotNull(), lit("euros")),
        when(col("impact_value").isNotNull(), lit("impact")));
    Column caveat = when(col("priority_score").isNull(), lit("not ranked: no signal with a weight"))
        .when(col("experience_value").isNull().or(col("euro_value").isNull()).or(col("impact_value").isNull()),
            concat(lit("ranked on "), present, lit(" only")));
    return concat_ws("; ", euro, experience, impact, caveat);
  }

  /** " (rank r of n)": the step's place on one signal, worst first, among the steps of its set that have it. */
  private static Column ofRanked(String signal) {
    return format_string(" (rank %d of %d)", col(signal + "_rank"), col(signal + "_ranked"));
  }

  private static Column neededFlag(NeededStepThresholds t) {
    return coalesce(col("contacts_per_1000").gt(t.contactsPer1000()), lit(false))
        .or(coalesce(col("complaint_rate").gt(t.complaintRate()), lit(false)));
  }

  private static Column neededReason(NeededStepThresholds t) {
    return concat_ws("; ",
        when(col("contacts_per_1000").gt(t.contactsPer1000()),
            format_string("%.0f contacts per 1,000 passes (threshold %s)", col("contacts_per_1000"),
                lit(plain(t.contactsPer1000())))),
        when(col("complaint_rate").gt(t.complaintRate()),
            format_string("%.0f%% of its contacts are complaints (threshold %s%%)",
                col("complaint_rate").multiply(100.0), lit(plain(t.complaintRate() * 100)))));
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
