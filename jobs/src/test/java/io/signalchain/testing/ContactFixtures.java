package io.signalchain.testing;

import static org.apache.spark.sql.functions.lit;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.JourneyConformance;
import java.sql.Timestamp;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Hand-built contacts as the analyses read them: summed per day ({@link ContactDays}), on their units. */
public final class ContactFixtures {
  private ContactFixtures() {}

  /** Contacts without a contacted_at are put on one day, which analyses of the window do not look at. */
  public static Dataset<Row> daysOnUnits(Dataset<Row> contacts, SignalchainConfig config) {
    Dataset<Row> dated = Arrays.asList(contacts.columns()).contains("contacted_at") ? contacts
        : contacts.withColumn("contacted_at", lit(Timestamp.valueOf("2026-10-31 12:00:00")));
    return JourneyConformance.toUnits(ContactDays.of(dated, config), config.journey());
  }
}
