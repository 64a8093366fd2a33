package io.signalchain.channels;

import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import io.signalchain.journey.ContactGroups;
import io.signalchain.config.SignalchainConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The contact_reasons table: per step the reasons that cause most contacts, so a team sees what
 * to fix first. Contacts without a step stay visible under the unclassified step; contacts without
 * a reason are counted as {@link #NO_REASON} rather than dropped, so shares add up to the step.
 */
public final class ContactReasons {
  public static final String NO_REASON = "(no reason)";

  private ContactReasons() {}

  /**
   * The top {@code contact_reasons.top_n} reasons per unit.
   *
   * @param contactGroups the run's contacts counted per unit, channel, type and reason ({@link
   *     ContactGroups})
   */
  public static Dataset<Row> compute(Dataset<Row> contactGroups, SignalchainConfig config) {
    Dataset<Row> byReason = contactGroups
        .withColumn("reason_label", coalesce(col(ContactGroups.REASON), lit(NO_REASON)))
        .groupBy(UNIT, "reason_label")
        .agg(sum(ContactGroups.CONTACTS).as("contacts"), sum(ContactGroups.COST_EUR).as("cost_eur"));
    // Ties on contacts are broken by the reason text, so the rank is the same on every run.
    var byContacts = Window.partitionBy(UNIT).orderBy(col("contacts").desc(), col("reason_label").asc());
    Column stepContacts = sum("contacts").over(Window.partitionBy(UNIT));
    return byReason
        .withColumn("step_contacts", stepContacts)
        .withColumn("reason_rank", row_number().over(byContacts))
        .filter(col("reason_rank").leq(config.contactReasonsTopN()))
        .select(
            col(UNIT).as("step_id"),
            col("reason_label").as("reason"),
            col("contacts"),
            col("contacts").divide(col("step_contacts")).as("share"),
            col("cost_eur"),
            col("reason_rank"),
            col("step_contacts"));
  }
}
