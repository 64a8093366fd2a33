package io.signalchain.journey;

import static io.signalchain.testing.DataFrameAssertions.assertApproximatelyEqual;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.ContactFixtures;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The shared contact counts on a hand-built fixture: types by lower case, reasons trimmed, blank = none. */
class ContactGroupsTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private final SparkSession spark = SharedSpark.session();

  @Test
  void contactsAreCountedAndCostedPerUnitChannelTypeAndReason() {
    Dataset<Row> contacts = spark.sql("""
        select * from values
          ('pay.reminder', 'phone', 'Complaint', ' te laat ', cast(null as double)),
          ('pay.reminder', 'phone', 'complaint', 'te laat',   2.0D),
          ('pay.reminder', 'phone', 'question',  '',          cast(null as double)),
          ('pay.reminder', 'phone', 'question',  cast(null as string), 1.0D),
          (cast(null as string), 'chat', 'question', 'x',     cast(null as double))
        as t(step_id, channel, contact_type, reason, cost_eur)""");

    Dataset<Row> actual = ContactGroups.of(ContactFixtures.daysOnUnits(contacts, CONFIG))
        .orderBy("unit_id", "contact_type");

    // unit_id, channel, contact_type, reason, contacts, cost_eur
    Dataset<Row> expected = spark.createDataFrame(List.of(
        // the sub-step counts for its parent too; phone at its configured 6.50 where the contact has no cost
        RowFactory.create("pay", "phone", "complaint", "te laat", 2L, 6.5 + 2.0),
        RowFactory.create("pay", "phone", "question", null, 2L, 6.5 + 1.0),
        RowFactory.create("pay.reminder", "phone", "complaint", "te laat", 2L, 8.5),
        RowFactory.create("pay.reminder", "phone", "question", null, 2L, 7.5),
        RowFactory.create("unclassified", "chat", "question", "x", 1L, 2.5)), actual.schema());
    assertApproximatelyEqual(expected, actual, 1e-12);
  }
}
