package io.signalchain.teams;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.JourneyStep;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.config.TrendPeriod;
import io.signalchain.journey.JourneyConformance;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * team_scorecards: per team that owns steps (journey.yaml's {@code owner}) one row per owned step
 * and one team row, from the run's other tables, passed in by column name (analyses never import
 * each other): step_kpis against the step's target, the change since the previous period and the
 * alerts (kpi_alerts), the drivers to improve (driver_importance), the top contact reasons
 * (contact_reasons), the channel-mix savings (channel_mix) and the open and overdue follow-ups
 * (follow_ups, when there are any).
 *
 * <p>A team row adds up its team's steps once each: a sub-step whose parent the team also owns is
 * inside the parent's figures and not added again (a parent counts all its sub-steps' signals,
 * also those of a sub-step another team owns, as in step_kpis).
 */
public final class TeamScorecards {
  /** Reasons and drivers listed per step. */
  static final int LISTED = 3;
  private static final String IMPROVE = "PRIORITY_TO_IMPROVE";

  private static final StructType OWNED_STEPS = new StructType()
      .add("owner_team", DataTypes.StringType, false)
      .add("step_id", DataTypes.StringType, false)
      .add("step_level", DataTypes.IntegerType, false)
      .add("journey_position", DataTypes.IntegerType, false)
      .add("satisfaction_target", DataTypes.DoubleType, false)
      .add("in_team_total", DataTypes.BooleanType, false);

  private TeamScorecards() {}

  /**
   * The scorecards of the run for {@code runDate}. {@code followUps} may be null (no follow-up
   * worklist in this run): then the follow-up counts are null.
   */
  public static Dataset<Row> compute(Dataset<Row> stepKpis, Dataset<Row> kpiAlerts, Dataset<Row> driverImportance,
      Dataset<Row> contactReasons, Dataset<Row> channelMix, Dataset<Row> followUps, LocalDate runDate,
      SignalchainConfig config) {
    SparkSession spark = stepKpis.sparkSession();
    Dataset<Row> steps = ownedSteps(spark, config)
        .join(stepKpis.select(col("step_id"), col("responses"), col("weight_sum"), col("satisfaction_mean"),
            col("nps"), col("effort_mean"), col("contacts"), col("complaints"), col("contact_cost_eur"),
            col("contacts_per_1000")), "step_id", "left")
        .join(changes(kpiAlerts, config), "step_id", "left")
        .join(driversToImprove(driverImportance), "step_id", "left")
        .join(topReasons(contactReasons), "step_id", "left")
        .join(channelMix.groupBy("step_id").agg(sum("savings_eur").as("channel_savings_eur")), "step_id", "left");
    Dataset<Row> stepRows = withFollowUps(steps, followUps, runDate, config)
        .withColumn("row_type", lit(ScorecardRow.STEP.key()))
        .withColumn("steps", lit(1))
        .withColumn("satisfaction_gap", col("satisfaction_mean").minus(col("satisfaction_target")))
        .withColumn("steps_below_target", when(col("satisfaction_gap").lt(0), 1).otherwise(0))
        .withColumn("alerts", coalesce(col("alerts"), lit(0L)))
        // a few rows, read twice (as they are and summed per team): computed once
        .localCheckpoint();
    return stepRows.select(columns()).unionByName(teamRows(stepRows, followUps, runDate).select(columns()));
  }

  /** The columns of the table, in order; a team row has nulls where a figure is per step only. */
  private static Column[] columns() {
    return new Column[] {col("owner_team"), col("row_type"), col("step_id"), col("step_level"),
        col("journey_position"), col("steps"), col("responses"), col("satisfaction_mean"), col("satisfaction_target"),
        col("satisfaction_gap"), col("steps_below_target"), col("nps"), col("effort_mean"), col("contacts"),
        col("complaints"), col("contact_cost_eur"), col("contacts_per_1000"), col("change_period"),
        col("satisfaction_change"), col("satisfaction_change_significant"), col("alerts"),
        col("top_driver_to_improve"), col("top_driver_importance_pct"), col("drivers_to_improve"),
        col("top_contact_reason"), col("top_contact_reason_contacts"), col("top_contact_reason_share"),
        col("top_contact_reasons"), col("channel_savings_eur"), col("open_follow_ups"), col("overdue_follow_ups")};
  }

  /** Every step that has an owner, with its target and whether it counts in its team's total. */
  private static Dataset<Row> ownedSteps(SparkSession spark, SignalchainConfig config) {
    Map<String, JourneyStep> byId = config.journey().byId();
    List<Row> rows = new ArrayList<>();
    int position = 0;
    for (JourneyStep s : config.journey().steps()) {
      position++;
      if (s.owner() == null) {
        continue;
      }
      JourneyStep parent = s.parentId() == null ? null : byId.get(s.parentId());
      boolean inParentsFigures = parent != null && s.owner().equals(parent.owner());
      rows.add(RowFactory.create(s.owner(), s.id(), s.level(), position, config.targetSatisfaction(s.id()),
          !inParentsFigures));
    }
    return spark.createDataFrame(rows, OWNED_STEPS);
  }

  /**
   * The step's satisfaction in the last complete period against the previous one, of the finest
   * configured period (week, else month), and its count of alerts (every metric, period and
   * comparison).
   */
  private static Dataset<Row> changes(Dataset<Row> kpiAlerts, SignalchainConfig config) {
    String period = (config.monitoring().periods().contains(TrendPeriod.WEEK) ? TrendPeriod.WEEK : TrendPeriod.MONTH)
        .key();
    Dataset<Row> change = kpiAlerts.filter(col("metric").equalTo("satisfaction")
            .and(col("comparison").equalTo("previous")).and(col("period_type").equalTo(period)))
        .select(col("step_id"), col("period").as("change_period"), col("difference").as("satisfaction_change"),
            when(col("difference").isNull(), lit(null)).otherwise(coalesce(col("significant"), lit(false)))
                .as("satisfaction_change_significant"));
    Dataset<Row> alerts = kpiAlerts.groupBy("step_id")
        .agg(count(when(col("alert").equalTo(true), lit(1))).as("alerts"));
    // every step with a change row has alert rows
    return alerts.join(change, "step_id", "left");
  }

  /** Drivers of the PRIORITY_TO_IMPROVE quadrant (important, below-average performance), most important first. */
  private static Dataset<Row> driversToImprove(Dataset<Row> importance) {
    Column ranked = sort_array(collect_list(struct(col("importance_pct").multiply(-1).as("order"), col("driver"),
        col("importance_pct"))));
    return importance.filter(col("quadrant").equalTo(IMPROVE).and(col("importance_pct").isNotNull()))
        .groupBy("step_id").agg(ranked.as("ranked"))
        .select(col("step_id"), col("ranked").getItem(0).getField("driver").as("top_driver_to_improve"),
            col("ranked").getItem(0).getField("importance_pct").as("top_driver_importance_pct"),
            concat_ws(", ", slice(col("ranked"), 1, LISTED).getField("driver")).as("drivers_to_improve"));
  }

  /** The step's most frequent contact reason with its contacts and share, and its top reasons as a list. */
  private static Dataset<Row> topReasons(Dataset<Row> reasons) {
    Column ranked = sort_array(collect_list(struct(col("reason_rank"), col("reason"), col("contacts"),
        col("share"))));
    return reasons.filter(col("reason_rank").leq(LISTED)).groupBy("step_id").agg(ranked.as("ranked"))
        .select(col("step_id"), col("ranked").getItem(0).getField("reason").as("top_contact_reason"),
            col("ranked").getItem(0).getField("contacts").as("top_contact_reason_contacts"),
            col("ranked").getItem(0).getField("share").as("top_contact_reason_share"),
            concat_ws(", ", col("ranked").getField("reason")).as("top_contact_reasons"));
  }

  /**
   * Open and overdue follow-ups per step: a parent's are its own and its sub-steps', as its other
   * figures. Overdue = open and due before the run date.
   */
  private static Dataset<Row> withFollowUps(Dataset<Row> steps, Dataset<Row> followUps, LocalDate runDate,
      SignalchainConfig config) {
    if (followUps == null) {
      return steps.withColumn("open_follow_ups", lit(null).cast("bigint"))
          .withColumn("overdue_follow_ups", lit(null).cast("bigint"));
    }
    Dataset<Row> onUnits = JourneyConformance.toUnits(followUps.select("step_id", "status", "due_date"),
        config.journey()).drop("step_id").withColumnRenamed(JourneyConformance.UNIT, "step_id");
    return steps.join(openAndOverdue(onUnits, "step_id", runDate), "step_id", "left")
        .withColumn("open_follow_ups", coalesce(col("open_follow_ups"), lit(0L)))
        .withColumn("overdue_follow_ups", coalesce(col("overdue_follow_ups"), lit(0L)));
  }

  private static Dataset<Row> openAndOverdue(Dataset<Row> followUps, String key, LocalDate runDate) {
    Column open = col("status").equalTo("open");
    Column overdue = open.and(col("due_date").lt(lit(Date.valueOf(runDate))));
    return followUps.groupBy(key).agg(count(when(open, lit(1))).as("open_follow_ups"),
        count(when(overdue, lit(1))).as("overdue_follow_ups"));
  }

  /**
   * One row per team: counts summed over its steps that are not inside another of its steps'
   * figures, satisfaction weighted by those steps' response weights; steps below target and alerts
   * over all its steps; follow-ups by their owner_team. Figures that are per step only are null.
   */
  private static Dataset<Row> teamRows(Dataset<Row> stepRows, Dataset<Row> followUps, LocalDate runDate) {
    Column counted = col("in_team_total");
    Column weight = when(counted.and(col("satisfaction_mean").isNotNull()), col("weight_sum"));
    Dataset<Row> teams = stepRows.groupBy("owner_team").agg(
        min("journey_position").as("journey_position"),
        count(lit(1)).cast("int").as("steps"),
        sum(when(counted, col("responses"))).as("responses"),
        sum(weight.multiply(col("satisfaction_mean"))).divide(sum(weight)).as("satisfaction_mean"),
        sum("steps_below_target").cast("int").as("steps_below_target"),
        sum(when(counted, col("contacts"))).as("contacts"),
        sum(when(counted, col("complaints"))).as("complaints"),
        sum(when(counted, col("contact_cost_eur"))).as("contact_cost_eur"),
        sum("alerts").as("alerts"),
        sum(when(counted, col("channel_savings_eur"))).as("channel_savings_eur"))
        .withColumn("row_type", lit(ScorecardRow.TEAM.key()));
    if (followUps != null) {
      teams = teams.join(openAndOverdue(followUps, "owner_team", runDate), "owner_team", "left")
          .withColumn("open_follow_ups", coalesce(col("open_follow_ups"), lit(0L)))
          .withColumn("overdue_follow_ups", coalesce(col("overdue_follow_ups"), lit(0L)));
    }
    List<String> present = List.of(teams.columns());
    for (StructField f : stepRows.select(columns()).schema().fields()) {
      if (!present.contains(f.name())) {
        teams = teams.withColumn(f.name(), lit(null).cast(f.dataType()));
      }
    }
    return teams;
  }
}
