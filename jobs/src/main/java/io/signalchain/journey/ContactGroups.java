package io.signalchain.journey;

import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;

import io.signalchain.config.Channel;
import io.signalchain.config.SignalchainConfig;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The window's contacts per unit, channel, contact type (lower case) and reason (trimmed; null
 * where the contact has none) with the number of contacts and their cost ({@link #cost}). Step
 * KPIs, the channel mix and the contact reasons all group the same contacts more coarsely, so
 * each sums these few rows.
 */
public final class ContactGroups {
  public static final String CONTACT_TYPE = "contact_type";
  public static final String REASON = "reason";
  public static final String CONTACTS = "contacts";
  public static final String COST_EUR = "cost_eur";

  private ContactGroups() {}

  /** @param contactDays the window's {@link ContactDays} on their units ({@link JourneyConformance#toUnits}) */
  public static Dataset<Row> of(Dataset<Row> contactDays) {
    return contactDays.groupBy(col(UNIT), col(ContactDays.CHANNEL), col(CONTACT_TYPE), col(REASON))
        .agg(sum(CONTACTS).as(CONTACTS), sum(COST_EUR).as(COST_EUR));
  }

  /** A contact's own cost, or else its channel's configured cost per contact: the one costing rule. */
  public static Column cost(SignalchainConfig config) {
    List<Channel> channels = List.copyOf(config.channels().values());
    Column costs = map_from_arrays(array(channels.stream().map(c -> lit(c.id())).toArray(Column[]::new)),
        array(channels.stream().map(c -> lit(c.costPerContactEur())).toArray(Column[]::new)));
    return coalesce(col("cost_eur"), try_element_at(costs, col("channel")));
  }
}
