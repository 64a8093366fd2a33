package io.signalchain.journey;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.unix_micros;

import io.signalchain.config.PrivacySettings;
import io.signalchain.config.SignalchainConfig;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The signals of individual customers, conformed to one shape (the customer_timeline table):
 * every accepted survey response and contact that has a customer_id, dated up to the end of the
 * run date (UTC), one row per signal. Survey-only fields are null on contacts and the reverse; a
 * contact without a step is on {@link JourneyConformance#UNCLASSIFIED}, its type is in lower case
 * and its cost is the one costing rule ({@link ContactGroups#cost}). With
 * {@code privacy.pseudonymise_customer_id} the customer id is replaced here
 * ({@link CustomerPseudonym}), so every table built from these signals holds the pseudonym only.
 *
 * <p>{@link #SIGNAL_HASH} is the SHA-256 of every published field but the run date (the
 * customer id as published): a corrected input row, or a new pseudonymisation key, changes it.
 */
public final class CustomerSignals {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String SIGNAL_TYPE = "signal_type";
  public static final String SIGNAL_ID = "signal_id";
  public static final String SIGNAL_HASH = "signal_hash";
  public static final String SIGNAL_AT = "signal_at";
  public static final String SURVEY_RESPONSE = "survey_response";
  public static final String CONTACT = "contact";
  /** What identifies a signal across runs. */
  public static final List<String> KEY = List.of(SIGNAL_TYPE, SIGNAL_ID);
  /** Every published field but the run date, in the table's order: what {@link #SIGNAL_HASH} covers. */
  private static final List<String> HASHED = List.of(CUSTOMER_ID, SIGNAL_TYPE, SIGNAL_ID, SIGNAL_AT, "step_id",
      "channel", "satisfaction", "nps", "effort", "contact_type", "reason", "cost_eur");
  /** Between fields in the hashed text; a missing field hashes as {@link #MISSING}. */
  private static final String SEPARATOR = "\u001f";
  private static final String MISSING = "\u0000";

  private CustomerSignals() {}

  /**
   * @param surveys accepted survey responses (typed, as validated)
   * @param contacts accepted contacts with their contact_id and customer_id
   */
  public static Dataset<Row> of(Dataset<Row> surveys, Dataset<Row> contacts, SignalchainConfig config,
      LocalDate runDate) {
    Column noValue = lit(null);
    Dataset<Row> responses = surveys.select(
        col(CUSTOMER_ID), lit(SURVEY_RESPONSE).as(SIGNAL_TYPE), col("response_id").as(SIGNAL_ID),
        col("responded_at").as("signal_at"), col("step_id"), col("channel"),
        col("satisfaction").cast("double").as("satisfaction"), col("nps").cast("int").as("nps"),
        col("effort").cast("double").as("effort"), noValue.cast("string").as("contact_type"),
        noValue.cast("string").as("reason"), noValue.cast("double").as("cost_eur"));
    Dataset<Row> contactSignals = contacts.select(
        col(CUSTOMER_ID), lit(CONTACT).as(SIGNAL_TYPE), col("contact_id").as(SIGNAL_ID),
        col("contacted_at").as("signal_at"), coalesce(col("step_id"), lit(JourneyConformance.UNCLASSIFIED))
            .as("step_id"), col("channel"),
        noValue.cast("double").as("satisfaction"), noValue.cast("int").as("nps"), noValue.cast("double").as("effort"),
        lower(col("contact_type")).as("contact_type"), col("reason"),
        ContactGroups.cost(config).cast("double").as("cost_eur"));
    Column endOfRunDate = lit(Timestamp.from(runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    Dataset<Row> signals = responses.unionByName(contactSignals)
        .filter(col(CUSTOMER_ID).isNotNull().and(col("signal_at").lt(endOfRunDate)));
    PrivacySettings privacy = config.privacy();
    if (privacy.pseudonymiseCustomerId()) {
      signals = signals.withColumn(CUSTOMER_ID, CustomerPseudonym.of(col(CUSTOMER_ID), privacy.key()));
    }
    return signals.withColumn(SIGNAL_HASH, contentHash())
        .withColumn("updated_run_date", lit(Date.valueOf(runDate)));
  }

  /**
   * {@link #SIGNAL_HASH} over a signal's columns: SHA-256 (hex) of the published fields' text in
   * the table's order, each missing one written as a marker no text holds.
   */
  public static Column contentHash() {
    List<Column> texts = new ArrayList<>();
    for (String field : HASHED) {
      Column value = field.equals("signal_at") ? unix_micros(col(field)) : col(field);
      texts.add(coalesce(value.cast("string"), lit(MISSING)));
    }
    return sha2(concat_ws(SEPARATOR, texts.toArray(Column[]::new)), 256);
  }
}
