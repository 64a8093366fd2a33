package io.signalchain.journey;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;

import io.signalchain.config.Channel;
import io.signalchain.config.SignalchainConfig;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** What one contact costs: the figure every analysis of contact euros shares. */
public final class ContactCost {
  private ContactCost() {}

  /** A contact's own cost, or else its channel's configured cost per contact. */
  public static Column of(SignalchainConfig config) {
    List<Channel> channels = List.copyOf(config.channels().values());
    Column costs = functions.map_from_arrays(
        functions.array(channels.stream().map(c -> lit(c.id())).toArray(Column[]::new)),
        functions.array(channels.stream().map(c -> lit(c.costPerContactEur())).toArray(Column[]::new)));
    return coalesce(col("cost_eur"), try_element_at(costs, col("channel")));
  }
}
