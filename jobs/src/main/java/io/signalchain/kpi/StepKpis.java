package io.signalchain.kpi;

import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactGroups;
import io.signalchain.measures.SurveyMeasures;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The step_kpis table: per journey step (and parent over its sub-steps) what customers say and
 * what the step costs, over the run's window. Input signals are already validated, windowed and
 * put on their units by {@link io.signalchain.journey.JourneyConformance}. Survey figures are
 * weighted with the response weights; percentages are 0–100.
 */
public final class StepKpis {
  private StepKpis() {}

  /**
   * @param contactGroups the run's contacts counted per unit, channel, type and reason ({@link
   *     ContactGroups})
   */
  public static Dataset<Row> compute(Dataset<Row> surveys, Dataset<Row> contactGroups, Dataset<Row> volumes,
      List<String> units, SignalchainConfig config) {
    SparkSession spark = surveys.sparkSession();
    Dataset<Row> all = spark.createDataset(units, Encoders.STRING()).toDF(UNIT);
    Dataset<Row> kpis = all
        .join(surveyKpis(surveys, config), UNIT, "left")
        .join(contactKpis(contactGroups), UNIT, "left")
        .join(volumes.groupBy(UNIT).agg(sum("volume").as("process_volume")), UNIT, "left");
    return kpis.select(
        col(UNIT).as("step_id"),
        coalesce(col("responses"), lit(0L)).as("responses"),
        col("satisfaction_mean"),
        col("satisfaction_top2_pct"),
        col("nps"),
        col("effort_mean"),
        coalesce(col("contacts"), lit(0L)).as("contacts"),
        coalesce(col("complaints"), lit(0L)).as("complaints"),
        coalesce(col("questions"), lit(0L)).as("questions"),
        coalesce(col("requests"), lit(0L)).as("requests"),
        coalesce(col("compliments"), lit(0L)).as("compliments"),
        coalesce(col("contact_cost_eur"), lit(0.0)).as("contact_cost_eur"),
        coalesce(col("process_volume"), lit(0L)).as("process_volume"),
        when(col("process_volume").gt(0), coalesce(col("contacts"), lit(0L)).multiply(1000.0)
            .divide(col("process_volume"))).as("contacts_per_1000"),
        col("nps_responses"),
        col("weight_sum"),
        col("retention_intent_mean"),
        col("retention_intent_top2_pct"),
        lit(config.index().name()).cast("string").as("index_name"),
        col("index_mean"));
  }

  static Dataset<Row> surveyKpis(Dataset<Row> surveys, SignalchainConfig config) {
    double top2From = config.satisfactionScale().max() - 1;
    Column w = col("weight");
    Column npsW = when(col("nps").isNotNull(), w);
    Column effortW = when(col("effort").isNotNull(), w);
    Column retention = SurveyMeasures.retentionIntent(surveys);
    Column retentionW = when(retention.isNotNull(), w);
    Column index = SurveyMeasures.index(surveys, config.index());
    Column indexW = when(index.isNotNull(), w);
    return surveys.groupBy(UNIT).agg(
        count(lit(1)).as("responses"),
        sum(w).as("weight_sum"),
        sum(w.multiply(col("satisfaction"))).divide(sum(w)).as("satisfaction_mean"),
        sum(when(col("satisfaction").geq(top2From), w).otherwise(0.0)).multiply(100.0).divide(sum(w))
            .as("satisfaction_top2_pct"),
        sum(when(col("nps").geq(9), npsW).when(col("nps").leq(6), npsW.multiply(-1)).otherwise(0.0))
            .multiply(100.0).divide(sum(npsW)).as("nps"),
        count(col("nps")).as("nps_responses"),
        sum(effortW.multiply(col("effort"))).divide(sum(effortW)).as("effort_mean"),
        sum(retentionW.multiply(retention)).divide(sum(retentionW)).as("retention_intent_mean"),
        sum(retentionW.multiply(SurveyMeasures.top2(retention, config.retentionIntentScale()))).multiply(100.0)
            .divide(sum(retentionW)).as("retention_intent_top2_pct"),
        sum(indexW.multiply(index)).divide(sum(indexW)).as("index_mean"));
  }

  static Dataset<Row> contactKpis(Dataset<Row> contactGroups) {
    Column type = col(ContactGroups.CONTACT_TYPE);
    Column contacts = col(ContactGroups.CONTACTS);
    return contactGroups.groupBy(UNIT).agg(
        sum(contacts).as("contacts"),
        sum(when(type.equalTo("complaint"), contacts).otherwise(0L)).as("complaints"),
        sum(when(type.equalTo("question"), contacts).otherwise(0L)).as("questions"),
        sum(when(type.equalTo("request"), contacts).otherwise(0L)).as("requests"),
        sum(when(type.equalTo("compliment"), contacts).otherwise(0L)).as("compliments"),
        sum(ContactGroups.COST_EUR).as("contact_cost_eur"));
  }
}
