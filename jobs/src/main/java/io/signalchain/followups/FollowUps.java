package io.signalchain.followups;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.FollowUpReason;
import io.signalchain.config.FollowUpSettings;
import io.signalchain.config.Journey;
import io.signalchain.config.JourneyStep;
import io.signalchain.journey.CustomerSignals;
import io.signalchain.journey.JourneyConformance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The nightly follow-up worklist (follow_ups; docs/closing-the-loop.md): yesterday's worklist
 * carried forward, closed by the outcomes teams recorded, updated with the customers' new
 * qualifying signals, and new follow-ups for customers without an open one in the cooldown.
 *
 * <p>It is a function of (the signals up to the run date, the previous run date's worklist, the
 * outcomes, the configuration, the run date) only: a rerun of a date reads the same previous
 * worklist and writes the same worklist; a skipped night loses nothing as long as it is shorter
 * than {@code follow_up.lookback_days}, since a signal counts until it is on a follow-up.
 * The signals come in the customer_timeline schema ({@code journey/CustomerSignals}).
 */
public final class FollowUps {
  public static final String SURVEY = CustomerSignals.SURVEY_RESPONSE;
  public static final String CONTACT = CustomerSignals.CONTACT;
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  /** The step of a contact not classified to a step: never a repeat "about the same step". */
  public static final String UNCLASSIFIED = JourneyConformance.UNCLASSIFIED;

  /** The worklist's columns, in order (follow_ups without run_id and run_date). */
  public static final StructType SCHEMA = new StructType()
      .add("follow_up_id", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType)
      .add("step_id", DataTypes.StringType)
      .add("owner_team", DataTypes.StringType)
      .add("status", DataTypes.StringType)
      .add("opened_on", DataTypes.DateType)
      .add("due_date", DataTypes.DateType)
      .add("overdue", DataTypes.BooleanType)
      .add("closed_at", DataTypes.TimestampType)
      .add("outcome", DataTypes.StringType)
      .add("reasons", DataTypes.createArrayType(DataTypes.StringType))
      .add("priority", DataTypes.IntegerType)
      .add("first_signal_at", DataTypes.TimestampType)
      .add("last_signal_at", DataTypes.TimestampType)
      .add("updated_on", DataTypes.DateType)
      .add("signal_ids", DataTypes.createArrayType(DataTypes.StringType))
      .add("summary", DataTypes.StringType);

  /** The outcomes as the input contract keeps them (the note is not kept). */
  public static final StructType OUTCOMES = new StructType()
      .add("follow_up_id", DataTypes.StringType)
      .add("closed_at", DataTypes.TimestampType)
      .add("outcome", DataTypes.StringType);

  /** The source in rejected_records of outcomes that close nothing on the run's worklist. */
  public static final String UNMATCHED_OUTCOMES = "follow_up_outcomes (worklist)";

  /** How many of a customer's latest signals the summary shows. */
  static final int SUMMARY_SIGNALS = 3;

  private FollowUps() {}

  /**
   * The worklist as of {@code runDate}.
   *
   * @param signals the customers' signals (customer_timeline schema); only {@link #recentSignals} are read
   * @param previous the worklist of the previous run date (follow_ups' columns), or null on the first night
   * @param outcomes follow_up_id, closed_at, outcome (those after the run date are ignored); or null without the input
   * @param keepClosedDays a closed follow-up stays on the worklist until this many days after it was closed
   */
  public static Dataset<Row> worklist(Dataset<Row> signals, Dataset<Row> previous, Dataset<Row> outcomes,
      Journey journey, FollowUpSettings settings, int keepClosedDays, LocalDate runDate) {
    SparkSession spark = signals.sparkSession();
    Column run = date(runDate);
    Dataset<Row> prior = previous == null ? spark.createDataFrame(List.of(), SCHEMA)
        : previous.select(names(SCHEMA));
    Dataset<Row> done = applicable(outcomes, spark, runDate);

    // Yesterday's worklist, closed where an outcome arrived, without follow-ups long closed.
    // Computed once: its signals, its open follow-ups and its updates each read it.
    Dataset<Row> kept = closed(prior, done).filter(col("status").equalTo(OPEN)
        .or(to_date(col("closed_at")).gt(date(runDate.minusDays(keepClosedDays))))).localCheckpoint();

    Dataset<Row> recent = recentSignals(signals, settings, runDate);
    Dataset<Row> known = kept.select(functions.explode(col("signal_ids")).as("signal_id"));
    Dataset<Row> candidates = withReasons(recent, settings)
        .filter(to_date(col("signal_at")).geq(date(firstJudgedDay(settings, runDate))).and(size(col("reasons")).gt(0)))
        .join(known, "signal_id", "left_anti");

    // Within the cooldown a customer's open follow-up takes the new signals; else one new follow-up.
    var byCustomer = Window.partitionBy("customer_id").orderBy(col("opened_on").desc(), col("follow_up_id").desc());
    Dataset<Row> current = kept.filter(col("status").equalTo(OPEN)
            .and(datediff(run, col("opened_on")).lt(settings.cooldownDays())))
        .withColumn("_rank", row_number().over(byCustomer)).filter(col("_rank").equalTo(1))
        .select(col("customer_id"), col("follow_up_id").as("_target"));
    // Computed once: the updates and the new follow-ups each read it, and each read would judge
    // the recent signals again (a shuffle and a window over every one of them).
    Dataset<Row> routed = candidates.join(current, "customer_id", "left").localCheckpoint();
    Dataset<Row> attached = routed.filter(col("_target").isNotNull()).groupBy(col("_target").as("follow_up_id"))
        .agg(idsInTimeOrder().as("_new_ids"), flatten(collect_list("reasons")).as("_new_reasons"),
            max("signal_at").as("_new_last"));
    Dataset<Row> updated = kept.join(attached, "follow_up_id", "left")
        .withColumn("signal_ids", concat(col("signal_ids"), coalesce(col("_new_ids"), emptyArray())))
        .withColumn("reasons", concat(col("reasons"), coalesce(col("_new_reasons"), emptyArray())))
        .withColumn("last_signal_at", greatest(col("last_signal_at"), col("_new_last")))
        .withColumn("updated_on", when(col("_new_ids").isNotNull(), run).otherwise(col("updated_on")))
        .withColumn("summary", when(col("_new_ids").isNotNull(), lit(null).cast("string")).otherwise(col("summary")))
        .select(names(SCHEMA));

    Column first = min(struct(col("signal_at"), col("signal_id"), col("step_id"))).as("_first");
    Dataset<Row> opened = routed.filter(col("_target").isNull()).groupBy("customer_id")
        .agg(first, idsInTimeOrder().as("signal_ids"), flatten(collect_list("reasons")).as("reasons"),
            max("signal_at").as("last_signal_at"))
        .select(followUpId(col("customer_id"), runDate).as("follow_up_id"), col("customer_id"),
            col("_first.step_id").as("step_id"), lit(null).cast("string").as("owner_team"), lit(OPEN).as("status"),
            run.as("opened_on"), lit(null).cast("date").as("due_date"), lit(null).cast("boolean").as("overdue"),
            lit(null).cast("timestamp").as("closed_at"), lit(null).cast("string").as("outcome"), col("reasons"),
            lit(null).cast("int").as("priority"), col("_first.signal_at").as("first_signal_at"),
            col("last_signal_at"), run.as("updated_on"), col("signal_ids"), lit(null).cast("string").as("summary"));

    Dataset<Row> all = closed(updated.unionByName(opened), done)
        .withColumn("owner_team", ownerOf(journey, col("step_id")))
        .withColumn("reasons", array_sort(array_distinct(col("reasons"))))
        .withColumn("priority", priority(col("reasons"), settings.points()))
        .withColumn("due_date", dueDate(col("opened_on"), col("priority"), settings));
    all = all.withColumn("overdue", col("status").equalTo(OPEN).and(col("due_date").lt(run)));
    return withSummaries(all, recent).select(names(SCHEMA));
  }

  /**
   * The signals a night reads, in the columns it reads: those of customers dated from
   * {@code repeat_days} before the lookback's first day (a repeat contact's earlier contact) up
   * to the run date. A caller may compute them once and pass them as the worklist's signals.
   */
  public static Dataset<Row> recentSignals(Dataset<Row> signals, FollowUpSettings settings, LocalDate runDate) {
    Column day = to_date(col("signal_at"));
    return signals.filter(col("customer_id").isNotNull()
            .and(day.geq(date(firstJudgedDay(settings, runDate).minusDays(settings.repeatDays()))))
            .and(day.leq(date(runDate))))
        .select("customer_id", "signal_type", "signal_id", "signal_at", "step_id", "channel", "satisfaction", "nps",
            "effort", "contact_type");
  }

  private static LocalDate firstJudgedDay(FollowUpSettings settings, LocalDate runDate) {
    return runDate.minusDays(settings.lookbackDays() - 1L);
  }

  /** The outcomes dated up to the run date: those a run applies (none without the input). */
  private static Dataset<Row> applicable(Dataset<Row> outcomes, SparkSession spark, LocalDate runDate) {
    return outcomes == null ? spark.createDataFrame(List.of(), OUTCOMES)
        : outcomes.select(names(OUTCOMES)).filter(to_date(col("closed_at")).leq(date(runDate)));
  }

  /**
   * Every reason that applies to each signal, as an array (empty when none): the survey rules on
   * survey answers, the contact rules on contacts. A repeat contact needs the customer's earlier
   * contact about the step, so {@code signals} must reach back {@code repeat_days} before the
   * signals that are judged.
   */
  static Dataset<Row> withReasons(Dataset<Row> signals, FollowUpSettings settings) {
    var aboutStep = Window.partitionBy("customer_id", "signal_type", "step_id")
        .orderBy(col("signal_at"), col("signal_id"));
    Column previousContact = lag(col("signal_at"), 1).over(aboutStep);
    Column survey = col("signal_type").equalTo(SURVEY);
    Column contact = col("signal_type").equalTo(CONTACT);
    Column repeat = contact.and(col("step_id").notEqual(UNCLASSIFIED)).and(previousContact.isNotNull())
        .and(unix_timestamp(col("signal_at")).minus(unix_timestamp(previousContact))
            .lt(settings.repeatDays() * 86_400L));
    Column reasons = array(
        when(survey.and(col("nps").between(0, 6)), lit(FollowUpReason.DETRACTOR.key())),
        when(survey.and(col("satisfaction").leq(settings.satisfactionAtMost())),
            lit(FollowUpReason.LOW_SATISFACTION.key())),
        when(survey.and(col("effort").geq(settings.effortAtLeast())), lit(FollowUpReason.HIGH_EFFORT.key())),
        when(contact.and(col("contact_type").equalTo("complaint")), lit(FollowUpReason.COMPLAINT.key())),
        when(repeat, lit(FollowUpReason.REPEAT_CONTACT.key())));
    return signals.withColumn("reasons", filter(reasons, Column::isNotNull));
  }

  /** The sum of the reasons' points. */
  static Column priority(Column reasons, Map<FollowUpReason, Integer> points) {
    List<Column> pairs = new ArrayList<>();
    points.forEach((reason, p) -> {
      pairs.add(lit(reason.key()));
      pairs.add(lit(p));
    });
    Column table = functions.map(pairs.toArray(Column[]::new));
    return aggregate(reasons, lit(0), (sum, reason) -> sum.plus(coalesce(table.apply(reason), lit(0))));
  }

  /** Opened on plus the days of the largest {@code follow_up.due_days} key at or below the priority. */
  static Column dueDate(Column openedOn, Column priority, FollowUpSettings settings) {
    Column days = lit(settings.dueDays().firstEntry().getValue());
    for (var e : settings.dueDays().entrySet()) {
      days = when(priority.geq(e.getKey()), lit(e.getValue())).otherwise(days);
    }
    return date_add(openedOn, days);
  }

  /**
   * The follow-up's id: "FU-" and the first 16 hex digits of SHA-256 over the customer id and
   * the opening date. The same inputs give the same id; the customer id is not readable in it
   * (though a short id space can be searched by hashing every candidate: pseudonymise ids for more).
   */
  static Column followUpId(Column customerId, LocalDate openedOn) {
    return concat(lit("FU-"), substring(sha2(concat_ws("|", customerId, lit(openedOn.toString())), 256), 1, 16));
  }

  /** Open follow-ups closed by an outcome dated on or after their opening day. */
  private static Dataset<Row> closed(Dataset<Row> followUps, Dataset<Row> outcomes) {
    Dataset<Row> o = outcomes.select(col("follow_up_id").as("_id"), col("closed_at").as("_closed_at"),
        col("outcome").as("_outcome"));
    Column applies = col("follow_up_id").equalTo(col("_id")).and(col("status").equalTo(OPEN))
        .and(to_date(col("_closed_at")).geq(col("opened_on")));
    return followUps.join(o, applies, "left")
        .withColumn("status", when(col("_id").isNotNull(), lit(CLOSED)).otherwise(col("status")))
        .withColumn("closed_at", coalesce(col("closed_at"), col("_closed_at")))
        .withColumn("outcome", coalesce(col("outcome"), col("_outcome")))
        .drop("_id", "_closed_at", "_outcome");
  }

  /**
   * The outcomes up to the run date that close nothing on the run's worklist, as they go to
   * rejected_records (source, record, reason): an id not on it (outcomes closed before the
   * worklist keeps closed follow-ups are not judged), or closed before the follow-up was opened.
   * Empty without the input.
   */
  public static Dataset<Row> unmatchedOutcomes(Dataset<Row> outcomes, Dataset<Row> worklist, LocalDate runDate,
      int keepClosedDays) {
    Dataset<Row> judged = applicable(outcomes, worklist.sparkSession(), runDate)
        .filter(to_date(col("closed_at")).gt(date(runDate.minusDays(keepClosedDays))));
    Dataset<Row> unknown = judged.join(worklist.select("follow_up_id"), "follow_up_id", "left_anti")
        .withColumn("reason", concat(lit("unknown follow_up_id '"), col("follow_up_id"),
            lit("': not on the follow-up worklist of " + runDate)));
    Dataset<Row> early = judged.join(worklist.select("follow_up_id", "opened_on"), "follow_up_id")
        .filter(to_date(col("closed_at")).lt(col("opened_on")))
        .withColumn("reason", concat(lit("closed_at "), date_format(col("closed_at"), "yyyy-MM-dd'T'HH:mm:ss"),
            lit(" is before the follow-up was opened on "), col("opened_on").cast("string")));
    return unknown.unionByName(early.drop("opened_on")).select(lit(UNMATCHED_OUTCOMES).as("source"),
        concat_ws(",", col("follow_up_id"), date_format(col("closed_at"), "yyyy-MM-dd'T'HH:mm:ss"), col("outcome"))
            .as("record"), col("reason"));
  }

  /**
   * The customer's last signals among the night's (recent) signals, newest first, on open
   * follow-ups and on those without a summary yet: date, step, channel and the scores or the
   * contact type. No free text. A closed follow-up keeps the summary it was closed with, and so
   * does an open one whose customer has no recent signal.
   */
  private static Dataset<Row> withSummaries(Dataset<Row> followUps, Dataset<Row> signals) {
    Column needed = col("status").equalTo(OPEN).or(col("summary").isNull());
    Dataset<Row> customers = followUps.filter(needed).select("customer_id").distinct();
    var newest = Window.partitionBy("customer_id").orderBy(col("signal_at").desc(), col("signal_id").desc());
    Column scores = concat_ws(", ", labelled("satisfaction", col("satisfaction")), labelled("nps", col("nps")),
        labelled("effort", col("effort")));
    Column text = concat_ws(" ", date_format(col("signal_at"), "yyyy-MM-dd"), col("step_id"), col("channel"),
        when(col("signal_type").equalTo(SURVEY), scores).otherwise(col("contact_type")));
    Dataset<Row> summaries = signals.join(customers, "customer_id", "left_semi")
        .withColumn("_rank", row_number().over(newest)).filter(col("_rank").leq(SUMMARY_SIGNALS))
        .groupBy("customer_id").agg(sort_array(collect_list(struct(col("signal_at"), col("signal_id"),
            text.as("text"))), false).as("_last"))
        .select(col("customer_id"), array_join(transform(col("_last"), s -> s.getField("text")), " | ")
            .as("_summary"));
    return followUps.join(summaries, "customer_id", "left")
        .withColumn("summary", when(needed, coalesce(col("_summary"), col("summary"))).otherwise(col("summary")))
        .drop("_summary");
  }

  /** "name value", with a whole number written without ".0"; null when the value is. */
  private static Column labelled(String name, Column value) {
    return when(value.isNotNull(), concat(lit(name + " "), regexp_replace(value.cast("string"), "\\.0$", "")));
  }

  private static Column ownerOf(Journey journey, Column stepId) {
    List<Column> pairs = new ArrayList<>();
    for (JourneyStep s : journey.steps()) {
      if (s.owner() != null) {
        pairs.add(lit(s.id()));
        pairs.add(lit(s.owner()));
      }
    }
    return pairs.isEmpty() ? lit(null).cast("string")
        : functions.map(pairs.toArray(Column[]::new)).apply(stepId);
  }

  /** The grouped signals' ids by time (then id): an order that does not depend on the partitioning. */
  private static Column idsInTimeOrder() {
    return transform(sort_array(collect_list(struct(col("signal_at"), col("signal_id")))),
        s -> s.getField("signal_id"));
  }

  private static Column emptyArray() {
    return array().cast("array<string>");
  }

  private static Column date(LocalDate day) {
    return lit(day.toString()).cast("date");
  }

  static Column[] names(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(functions::col)
        .toArray(Column[]::new);
  }
}
