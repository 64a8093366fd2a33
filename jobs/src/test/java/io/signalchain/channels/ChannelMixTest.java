package io.signalchain.channels;

import static io.signalchain.testing.DataFrameAssertions.assertApproximatelyEqual;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactGroups;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.ContactFixtures;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Channel mix on tiny data computed by hand against the default configuration: move_house uses
 * the default target mix (phone .30, email .10, chat .25, social .05, store .03, letter .02,
 * app_web .25); pay.reminder inherits pay's mix, which leaves store out.
 */
class ChannelMixTest {
  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> contacts() {
    return spark.sql("""
        select * from values
          ('move_house', 'phone',   cast(null as double)),
          ('move_house', 'phone',   cast(null as double)),
          ('move_house', 'phone',   cast(null as double)),
          ('move_house', 'phone',   cast(null as double)),
          ('move_house', 'phone',   cast(null as double)),
          ('move_house', 'phone',   cast(null as double)),
          ('move_house', 'chat',    3.0D),
          ('move_house', 'chat',    3.0D),
          ('move_house', 'app_web', cast(null as double)),
          ('move_house', 'app_web', cast(null as double)),
          ('pay.reminder', 'store', cast(null as double))
        as t(step_id, channel, cost_eur)""");
  }

  private Dataset<Row> surveys() {
    return spark.sql("""
        select * from values
          ('move_house', 'phone', 6.0D, 1.0D),
          ('move_house', 'phone', 8.0D, 3.0D),
          ('move_house', 'chat',  9.0D, 1.0D),
          ('move_house', cast(null as string), 1.0D, 1.0D)
        as t(step_id, channel, satisfaction, weight)""");
  }

  private Dataset<Row> volumes() {
    return spark.sql("""
        select * from values ('move_house', 'app_web', 8L), ('move_house', 'phone', 100L)
        as t(step_id, channel, volume)""");
  }

  private Dataset<Row> mix(SignalchainConfig config) {
    var journey = config.journey();
    return ChannelMix.compute(JourneyConformance.toUnits(surveys(), journey),
        ContactGroups.of(ContactFixtures.daysOnUnits(contacts().withColumn("contact_type", lit("question"))
            .withColumn("reason", lit(null).cast("string")), config)),
        JourneyConformance.toUnits(volumes(), journey), config);
  }

  @Test
  void sharesGapsShiftsAndSavingsMatchHandComputedValues() {
    Dataset<Row> mix = mix(TestConfigs.defaults());
    Dataset<Row> actual = mix.filter("step_id = 'move_house'").orderBy("channel");

    // step_id, channel, contacts, self_service_completions, mix_volume, actual_share, target_share, target_from,
    // gap_pp, contacts_to_shift, cost_per_contact_eur, savings_eur, contact_cost_eur, responses, satisfaction_mean
    // 10 contacts; the cost at the actual mix (6·6.50 + 2·2.50 + 2·0.40 = 44.80) minus the cost at the target mix
    // (10 · 3.825 = 38.25) is 6.55, the sum of savings_eur below. Volumes do not count: self_service_volumes is off.
    Dataset<Row> expected = spark.createDataFrame(List.of(
        RowFactory.create("move_house", "app_web", 2L, 0L, 2L, 0.2, 0.25, "default", -5.0, -0.5, 0.4, -0.2, 0.8, 0L,
            null),
        // the chat contacts carry their own cost 3.00; the saving uses the configured 2.50
        RowFactory.create("move_house", "chat", 2L, 0L, 2L, 0.2, 0.25, "default", -5.0, -0.5, 2.5, -1.25, 6.0, 1L, 9.0),
        RowFactory.create("move_house", "email", 0L, 0L, 0L, 0.0, 0.10, "default", -10.0, -1.0, 4.0, -4.0, 0.0, 0L,
            null),
        RowFactory.create("move_house", "letter", 0L, 0L, 0L, 0.0, 0.02, "default", -2.0, -0.2, 9.0, -1.8, 0.0, 0L,
            null),
        // weighted satisfaction (6·1 + 8·3) / 4; the answer without a channel is in no row
        RowFactory.create("move_house", "phone", 6L, 0L, 6L, 0.6, 0.30, "default", 30.0, 3.0, 6.5, 19.5, 39.0, 2L, 7.5),
        RowFactory.create("move_house", "social", 0L, 0L, 0L, 0.0, 0.05, "default", -5.0, -0.5, 3.0, -1.5, 0.0, 0L,
            null),
        RowFactory.create("move_house", "store", 0L, 0L, 0L, 0.0, 0.03, "default", -3.0, -0.3, 14.0, -4.2, 0.0, 0L,
            null)),
        actual.schema());
    assertApproximatelyEqual(expected, actual, 1e-9);

    // a channel with contacts but no target share appears, with target 0 and everything to move away
    Row store = mix.filter("step_id = 'pay.reminder' and channel = 'store'").first();
    assertEquals("pay", store.getAs("target_from"));
    assertEquals(0.0, (double) store.getAs("target_share"));
    assertEquals(100.0, (double) store.getAs("gap_pp"), 1e-9);
    assertEquals(14.0, (double) store.getAs("savings_eur"), 1e-9);
    assertEquals(7, mix.filter("step_id = 'pay.reminder'").count(), "pay's six target channels and store");
    assertEquals(1, mix.filter("step_id = 'pay' and channel = 'store' and contacts = 1").count(),
        "the parent counts its sub-step's store contact");

    // a step without contacts shows its target channels, with no actual mix to compare
    Dataset<Row> noContacts = mix.filter("step_id = 'report_fault'");
    assertEquals(5, noContacts.count(), "report_fault's own mix has five channels");
    assertEquals(5, noContacts.filter("actual_share is null and gap_pp is null and savings_eur is null").count());
    assertEquals(21, mix.select("step_id").distinct().count(), "every step and unclassified");
  }

  @Test
  void selfServiceCompletionsCountInTheMixWhenConfigured() {
    Dataset<Row> mix = mix(TestConfigs.defaults(Map.of("channel_mix.self_service_volumes", "true")));
    // app_web: 2 contacts + 8 completions; phone's process volume is not self-service and does not count
    Row appWeb = mix.filter("step_id = 'move_house' and channel = 'app_web'").first();
    assertEquals(8L, (long) appWeb.getAs("self_service_completions"));
    assertEquals(10L, (long) appWeb.getAs("mix_volume"));
    assertEquals(10.0 / 18, (double) appWeb.getAs("actual_share"), 1e-12);
    assertEquals(10 - 18 * 0.25, (double) appWeb.getAs("contacts_to_shift"), 1e-12);
    Row phone = mix.filter("step_id = 'move_house' and channel = 'phone'").first();
    assertEquals(6.0 / 18, (double) phone.getAs("actual_share"), 1e-12);
  }
}
