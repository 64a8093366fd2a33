package io.signalchain.channels;

import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.Channel;
import io.signalchain.config.ChannelMixSettings;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactGroups;
import io.signalchain.journey.JourneyConformance;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The channel_mix table (KSM 3.0): per step and channel, how the step's contacts are spread over
 * the channels now, against the configured target mix, and what moving to the target would save.
 * The saving prices every channel at its configured cost per contact: the target mix is a plan,
 * and a channel the step does not use yet has no actual cost to go by. The survey answers per
 * channel show which channel customers rate best for the step.
 */
public final class ChannelMix {
  private static final StructType PLAN = new StructType()
      .add(UNIT, DataTypes.StringType, false)
      .add("channel", DataTypes.StringType, false)
      .add("target_share", DataTypes.DoubleType, false)
      .add("target_from", DataTypes.StringType, false)
      .add("cost_per_contact_eur", DataTypes.DoubleType, false);

  private ChannelMix() {}

  /**
   * @param contactGroups the run's contacts counted per unit, channel, type and reason ({@link
   *     ContactGroups})
   */
  public static Dataset<Row> compute(Dataset<Row> surveys, Dataset<Row> contactGroups, Dataset<Row> volumes,
      SignalchainConfig config) {
    List<String> keys = List.of(UNIT, "channel");
    Dataset<Row> plan = plan(surveys, config);
    Dataset<Row> contactCounts = contactGroups.groupBy(UNIT, "channel")
        .agg(sum(ContactGroups.CONTACTS).as("contacts"), sum(ContactGroups.COST_EUR).as("contact_cost_eur"));
    Dataset<Row> completions = volumes.filter(selfServiceChannel(config))
        .groupBy(UNIT, "channel").agg(sum("volume").as("self_service_completions"));
    Column w = col("weight");
    Dataset<Row> ratings = surveys.filter(col("channel").isNotNull()).groupBy(UNIT, "channel").agg(
        count(lit(1)).as("responses"),
        sum(w.multiply(col("satisfaction"))).divide(sum(w)).as("satisfaction_mean"));

    // Every channel that has contacts, completions, answers or a target share at the step.
    Dataset<Row> rows = contactCounts.select(UNIT, "channel")
        .union(completions.select(UNIT, "channel"))
        .union(ratings.select(UNIT, "channel"))
        .union(plan.filter(col("target_share").gt(0)).select(UNIT, "channel"))
        .distinct()
        .join(plan, scala(keys), "left")
        .join(contactCounts, scala(keys), "left")
        .join(completions, scala(keys), "left")
        .join(ratings, scala(keys), "left");

    Column contactsCol = coalesce(col("contacts"), lit(0L));
    Column mixVolume = contactsCol.plus(coalesce(col("self_service_completions"), lit(0L)));
    Column stepTotal = sum(mixVolume).over(Window.partitionBy(UNIT));
    Column hasMix = col("step_total").gt(0);
    Column actualShare = when(hasMix, col("mix_volume").divide(col("step_total")));
    Column toShift = when(hasMix, col("mix_volume").minus(col("step_total").multiply(col("target_share"))));
    return rows
        .withColumn("mix_volume", mixVolume)
        .withColumn("step_total", stepTotal)
        .select(
            col(UNIT).as("step_id"),
            col("channel"),
            contactsCol.as("contacts"),
            coalesce(col("self_service_completions"), lit(0L)).as("self_service_completions"),
            col("mix_volume"),
            actualShare.as("actual_share"),
            col("target_share"),
            col("target_from"),
            actualShare.minus(col("target_share")).multiply(100.0).as("gap_pp"),
            toShift.as("contacts_to_shift"),
            col("cost_per_contact_eur"),
            toShift.multiply(col("cost_per_contact_eur")).as("savings_eur"),
            coalesce(col("contact_cost_eur"), lit(0.0)).as("contact_cost_eur"),
            coalesce(col("responses"), lit(0L)).as("responses"),
            col("satisfaction_mean"));
  }

  /**
   * Per unit (every journey step and unclassified) and configured channel: the target share
   * (0 where the mix leaves the channel out), which mix it came from and the cost per contact.
   */
  private static Dataset<Row> plan(Dataset<Row> anyInput, SignalchainConfig config) {
    ChannelMixSettings mix = config.channelMix();
    List<Row> rows = new ArrayList<>();
    List<String[]> units = new ArrayList<>();
    config.journey().steps().forEach(s -> units.add(new String[] {s.id(), s.parentId()}));
    units.add(new String[] {JourneyConformance.UNCLASSIFIED, null});
    for (String[] unit : units) {
      String source = mix.sourceFor(unit[0], unit[1]);
      var target = mix.targetFor(unit[0], unit[1]);
      for (Channel channel : config.channels().values()) {
        rows.add(RowFactory.create(unit[0], channel.id(), target.getOrDefault(channel.id(), 0.0), source,
            channel.costPerContactEur()));
      }
    }
    return anyInput.sparkSession().createDataFrame(rows, PLAN);
  }

  /** Volumes that count in the mix: those of self-service channels, when so configured. */
  private static Column selfServiceChannel(SignalchainConfig config) {
    Object[] selfService = config.channels().values().stream().filter(Channel::selfService).map(Channel::id)
        .toArray();
    if (!config.channelMix().selfServiceVolumes() || selfService.length == 0) {
      return lit(false);
    }
    return col("channel").isin(selfService);
  }

  private static Seq<String> scala(List<String> columns) {
    return JavaConverters.asScalaBuffer(columns).toSeq();
  }
}
