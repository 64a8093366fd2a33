package io.signalchain.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.SignalchainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The form in which the analyses read contacts: summed per step, channel, contact type (lower
 * case), reason (trimmed; null where the contact has none) and day, with the number of contacts
 * and their cost ({@link ContactGroups#cost}). Every analysis of contacts groups them at least
 * this coarsely, over whole days, so a few hundred thousand rows stand for tens of millions of
 * contacts, and the contacts themselves are summed once per run.
 */
public final class ContactDays {
  public static final String STEP_ID = "step_id";
  public static final String CHANNEL = "channel";
  public static final String DAY = "day";

  private ContactDays() {}

  /** What a contact is summed by, as columns over a validated contact. */
  private static List<Column> keys() {
    Column reason = trim(col("reason"));
    return List.of(col(STEP_ID), col(CHANNEL), lower(col("contact_type")).as(ContactGroups.CONTACT_TYPE),
        when(reason.notEqual(""), reason).as(ContactGroups.REASON), to_date(col("contacted_at")).as(DAY));
  }

  /** What each contact adds to its day: one contact, and its cost. */
  private static Map<String, Column> summands(SignalchainConfig config) {
    Map<String, Column> summands = new LinkedHashMap<>();
    summands.put(ContactGroups.CONTACTS, lit(1L));
    summands.put(ContactGroups.COST_EUR, ContactGroups.cost(config));
    return summands;
  }

  /** The contact days of validated contacts (accepted rows). */
  public static Dataset<Row> of(Dataset<Row> contacts, SignalchainConfig config) {
    List<Column> sums = summands(config).entrySet().stream().map(e -> sum(e.getValue()).as(e.getKey())).toList();
    return contacts.groupBy(keys().toArray(Column[]::new))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }
}
