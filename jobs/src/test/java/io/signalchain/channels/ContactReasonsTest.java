package io.signalchain.channels;

import static io.signalchain.testing.DataFrameAssertions.assertApproximatelyEqual;
import static org.apache.spark.sql.functions.lit;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactGroups;
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

/** Top contact reasons per step on tiny data computed by hand, with a tie and missing reasons. */
class ContactReasonsTest {
  private static final SignalchainConfig TOP_3 = TestConfigs.defaults(Map.of("contact_reasons.top_n", "3"));
  private final SparkSession spark = SharedSpark.session();

  @Test
  void topReasonsPerStepWithTiesBrokenByReasonAndNoReasonKept() {
    Dataset<Row> contacts = spark.sql("""
        select * from values
          ('move_house', 'phone', 'adres',  cast(null as double)),
          ('move_house', 'phone', 'adres',  cast(null as double)),
          ('move_house', 'chat',  'adres',  1.0D),
          ('move_house', 'email', 'kosten', cast(null as double)),
          ('move_house', 'email', 'kosten', cast(null as double)),
          ('move_house', 'chat',  'datum',  2.0D),
          ('move_house', 'chat',  'datum',  2.0D),
          ('move_house', 'phone', cast(null as string), 5.0D),
          ('move_house', 'phone', '  ',     5.0D),
          (cast(null as string), 'letter', 'x', cast(null as double))
        as t(step_id, channel, reason, cost_eur)""");

    Dataset<Row> actual = ContactReasons.compute(ContactGroups.of(
        ContactFixtures.daysOnUnits(contacts.withColumn("contact_type", lit("question")), TOP_3)),
            TOP_3)
        .orderBy("step_id", "reason_rank");

    // step_id, reason, contacts, share, cost_eur, reason_rank, step_contacts
    Dataset<Row> expected = spark.createDataFrame(List.of(
        // phone 6.50 twice (configured) + chat 1.00 of its own
        RowFactory.create("move_house", "adres", 3L, 3.0 / 9, 14.0, 1, 9L),
        // three reasons with 2 contacts: by reason, '(' sorts before 'd' and 'k'; kosten falls off the top 3
        RowFactory.create("move_house", "(no reason)", 2L, 2.0 / 9, 10.0, 2, 9L),
        RowFactory.create("move_house", "datum", 2L, 2.0 / 9, 4.0, 3, 9L),
        // contacts without a step stay visible as their own step; letter at its configured 9.00
        RowFactory.create("unclassified", "x", 1L, 1.0, 9.0, 1, 1L)), actual.schema());
    assertApproximatelyEqual(expected, actual, 1e-9);
  }
}
