package io.signalchain.kpi;

import static io.signalchain.testing.DataFrameAssertions.assertApproximatelyEqual;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactGroups;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.journey.JourneyStepsTable;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.ContactFixtures;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Step KPIs on tiny data computed by hand. pay has the sub-steps pay.reminder and
 * pay.arrangement; the parent is computed over all its sub-steps' signals plus its own.
 */
class StepKpisTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private final SparkSession spark = SharedSpark.session();

  @Test
  void kpisOfStepsAndTheirParentMatchHandComputedValues() {
    Dataset<Row> surveys = spark.sql("""
        select * from values
          ('pay.reminder',    8.0D, 1.0D, 9L,    2.0D, 10.0D, 8.0D, null, 6.0D),
          ('pay.reminder',    6.0D, 2.0D, 5L,    4.0D, 4.0D,  null, 5.0D, null),
          ('pay.reminder',   10.0D, 1.0D, null,  null, null,  null, null, null),
          ('pay.arrangement', 9.0D, 1.0D, 10L,   1.0D, 9.0D,  10.0D, 10.0D, 10.0D)
        as t(step_id, satisfaction, weight, nps, effort, retention_intent, driver_clarity, driver_speed,
          driver_friendliness)""");
    Dataset<Row> contacts = spark.sql("""
        select * from values
          ('pay.reminder',    'phone',  'complaint', cast(null as double)),
          ('pay.arrangement', 'email',  'question',  2.5D),
          (null,              'chat',   'Question',  cast(null as double)),
          ('pay',             'letter', 'request',   cast(null as double))
        as t(step_id, channel, contact_type, cost_eur)""");
    Dataset<Row> volumes = spark.sql("""
        select * from values ('pay.reminder', 100L), ('pay.reminder', 100L), ('pay.arrangement', 50L)
        as t(step_id, volume)""");
    var journey = CONFIG.journey();

    Dataset<Row> kpis = StepKpis.compute(JourneyConformance.toUnits(surveys, journey),
        ContactGroups.of(ContactFixtures.daysOnUnits(contacts.withColumn("reason", lit(null).cast("string")), CONFIG)),
        JourneyConformance.toUnits(volumes, journey),
        JourneyStepsTable.units(journey), CONFIG);

    assertEquals(JourneyStepsTable.units(journey).size(), kpis.count(), "every step has a row, with or without data");
    Dataset<Row> actual = kpis
        .filter("step_id in ('pay', 'pay.reminder', 'pay.arrangement', 'unclassified', 'move_house')")
        .orderBy("step_id");
    // step_id, responses, satisfaction_mean, top2_pct, nps, effort_mean, contacts, complaints, questions, requests,
    // compliments, contact_cost_eur, process_volume, contacts_per_1000, nps_responses, weight_sum,
    // retention_intent_mean, retention_intent_top2_pct, index_name, index_mean (service_index: clarity 0.4,
    // speed 0.3, friendliness 0.3; a response's index over the aspects it answered)
    Dataset<Row> expected = spark.createDataFrame(List.of(
        RowFactory.create("move_house", 0L, null, null, null, null, 0L, 0L, 0L, 0L, 0L, 0.0, 0L, null, null, null,
            null, null, "service_index", null),
        // parent: weights 1+2+1+1; promoters (w 2) − detractors (w 2) over 4 weighted NPS answers = 0;
        // contacts: its two sub-steps' and its own request; cost 6.50 (phone) + 2.50 + 9.00 (letter)
        // retention (10·1 + 4·2 + 9·1) / 4, top-2 (9–10) weight 2 of 4; index (50/7·1 + 5·2 + 10·1) / 4
        RowFactory.create("pay", 4L, 39.0 / 5, 40.0, 0.0, 11.0 / 4, 3L, 1L, 1L, 1L, 0L, 18.0, 250L, 12.0, 3L, 5.0,
            27.0 / 4, 50.0, "service_index", (50.0 / 7 + 20.0) / 4),
        RowFactory.create("pay.arrangement", 1L, 9.0, 100.0, 100.0, 1.0, 1L, 0L, 1L, 0L, 0L, 2.5, 50L, 20.0, 1L, 1.0,
            9.0, 100.0, "service_index", 10.0),
        // (8·1 + 6·2 + 10·1) / 4 = 7.5; top-2 (9–10) weight 1 of 4; NPS (1 − 2) / 3 · 100; effort (2 + 8) / 3
        // retention (10·1 + 4·2) / 3, top-2 weight 1 of 3; index: response 1 (0.4·8 + 0.3·6) / 0.7 = 50/7,
        // response 2 speed alone 5, response 3 none: (50/7·1 + 5·2) / 3
        RowFactory.create("pay.reminder", 3L, 7.5, 25.0, -100.0 / 3, 10.0 / 3, 1L, 1L, 0L, 0L, 0L, 6.5, 200L, 5.0, 2L,
            4.0, 6.0, 100.0 / 3, "service_index", (50.0 / 7 + 10.0) / 3),
        // chat at its configured 2.50; contact types are matched case-insensitively
        RowFactory.create("unclassified", 0L, null, null, null, null, 1L, 0L, 1L, 0L, 0L, 2.5, 0L, null, null, null,
            null, null, "service_index", null)),
        actual.schema());
    assertApproximatelyEqual(expected, actual, 1e-9);
  }
}
