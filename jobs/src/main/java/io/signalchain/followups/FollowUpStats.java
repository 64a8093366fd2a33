package io.signalchain.followups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.signalchain.journey.AnalysisWindow;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * follow_up_stats: per owning team and step, the follow-ups opened in the analysis window, how
 * many were closed and how fast, and whether the customer's next survey answer improved — for
 * follow-ups closed before that answer against those still open then (docs/closing-the-loop.md).
 */
public final class FollowUpStats {
  private FollowUpStats() {}

  /**
   * @param worklist the run's follow_ups (closed ones stay on it at least the window's length)
   * @param signals the customers' signals (customer_timeline schema); survey answers up to the window's end count
   */
  public static Dataset<Row> compute(Dataset<Row> worklist, Dataset<Row> signals, AnalysisWindow window) {
    Dataset<Row> followUps = worklist.filter(window.contains(col("opened_on")));
    Dataset<Row> answers = signals.filter(col("signal_type").equalTo(FollowUps.SURVEY)
        .and(col("customer_id").isNotNull()).and(col("satisfaction").isNotNull())
        .and(to_date(col("signal_at")).leq(lit(window.last().toString()).cast("date"))))
        .select("customer_id", "signal_id", "signal_at", "satisfaction");

    // The answer that put the customer on the list: the follow-up's last survey answer up to its opening day.
    Dataset<Row> before = followUps
        .select(col("follow_up_id"), col("opened_on"), explode(col("signal_ids")).as("signal_id"))
        .join(answers, "signal_id")
        .filter(to_date(col("signal_at")).leq(col("opened_on")))
        .groupBy("follow_up_id").agg(max_by(col("satisfaction"), struct(col("signal_at"), col("signal_id")))
            .as("satisfaction_before"));
    // The customer's first survey answer after the opening day.
    Dataset<Row> next = followUps.select("follow_up_id", "customer_id", "opened_on")
        .join(answers, "customer_id")
        .filter(to_date(col("signal_at")).gt(col("opened_on")))
        .groupBy("follow_up_id").agg(min_by(struct(col("signal_at").as("at"), col("satisfaction").as("satisfaction")),
            struct(col("signal_at"), col("signal_id"))).as("next"));

    Dataset<Row> judged = followUps.join(before, "follow_up_id", "left")
        .join(next, "follow_up_id", "left");
    Column answered = col("satisfaction_before").isNotNull().and(col("next").isNotNull());
    Column afterClosing = answered.and(col("closed_at").isNotNull()).and(col("next.at").gt(col("closed_at")));
    Column stillOpen = answered.and(afterClosing.unary_$bang());
    Column improved = col("next.satisfaction").gt(col("satisfaction_before"));

    Dataset<Row> stats = judged.groupBy("owner_team", "step_id").agg(
        count(lit(1)).as("opened"),
        count(col("closed_at")).as("closed"),
        count(when(col("status").equalTo(FollowUps.OPEN), true)).as("open"),
        count(when(col("overdue"), true)).as("overdue"),
        functions.expr("percentile(datediff(to_date(closed_at), opened_on), 0.5)").as("median_days_to_close"),
        count(when(afterClosing, true)).as("followed_up_answered"),
        count(when(afterClosing.and(improved), true)).as("followed_up_improved"),
        count(when(stillOpen, true)).as("not_followed_up_answered"),
        count(when(stillOpen.and(improved), true)).as("not_followed_up_improved"));
    Column followedShare = share(col("followed_up_improved"), col("followed_up_answered"));
    Column notFollowedShare = share(col("not_followed_up_improved"), col("not_followed_up_answered"));
    return stats.select(col("owner_team"), col("step_id"), col("opened"), col("closed"), col("open"),
        col("overdue"), col("closed").divide(col("opened")).as("closure_rate"), col("median_days_to_close"),
        col("followed_up_answered"), followedShare.as("followed_up_improved_share"),
        col("not_followed_up_answered"), notFollowedShare.as("not_followed_up_improved_share"),
        followedShare.minus(notFollowedShare).multiply(100).as("improved_share_difference_pp"));
  }

  private static Column share(Column part, Column whole) {
    return when(whole.gt(0), part.divide(whole));
  }
}
