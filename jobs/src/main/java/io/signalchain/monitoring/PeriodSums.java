package io.signalchain.monitoring;

import static io.signalchain.measures.SumColumns.doubleOf;
import static io.signalchain.measures.SumColumns.longOf;
import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.ContactGroups;
import io.signalchain.config.TrendPeriod;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.measures.SurveyMeasures;
import io.signalchain.measures.stats.WeightedSums;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The few sums monitoring needs, per step and period, in one aggregation per input: each input
 * is first summed per step and day (before the journey puts sub-steps on their parents, so a
 * signal is read once), the days are put on their units and periods, and summed again. The
 * result is small — steps × periods — and is all that goes to the driver.
 */
final class PeriodSums {
  private static final String DAY = ContactDays.DAY;
  private static final String PERIOD_TYPE = "period_type";
  private static final String PERIOD_START = "period_start";

  private PeriodSums() {}

  /** Every step's sums per configured period, over all accepted signals up to and including {@code runDate}. */
  static List<PeriodAggregate> of(Dataset<Row> surveys, Dataset<Row> contactDays, Dataset<Row> volumes,
      LocalDate runDate, SignalchainConfig config) {
    Column upToRunDate = col(DAY).leq(lit(Date.valueOf(runDate)));
    List<TrendPeriod> periods = config.monitoring().periods();
    Dataset<Row> s = rollUp(surveyDays(surveys, config).filter(upToRunDate), periods, config, surveyColumns());
    Dataset<Row> c = rollUp(contactDays(contactDays).filter(upToRunDate), periods, config, CONTACT_COLUMNS);
    Dataset<Row> v = rollUp(volumes.groupBy(col("step_id"), col("date").as(DAY)).agg(sum("volume").as("volume"))
        .filter(upToRunDate), periods, config, List.of("volume"));
    Seq<String> keys = JavaConverters.asScalaBuffer(List.of(UNIT, PERIOD_TYPE, PERIOD_START)).toSeq();
    List<Row> rows = s.join(c, keys, "full_outer").join(v, keys, "full_outer").collectAsList();
    List<PeriodAggregate> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(aggregate(r));
    }
    return out;
  }

  private static final List<String> CONTACT_COLUMNS =
      List.of("contacts", "complaints", "questions", "requests", "compliments", "contact_cost_eur");

  private static List<String> surveyColumns() {
    List<String> columns = new ArrayList<>();
    for (Metric m : Metric.SURVEY) {
      for (String part : List.of("n", "w", "wx", "wxx", "ww")) {
        columns.add(m.key() + "_" + part);
      }
    }
    return columns;
  }

  /** The per-response value of each survey metric: NPS as +1 / 0 / −1, top-2 as 1 / 0. */
  private static Map<Metric, Column> surveyValues(Dataset<Row> surveys, SignalchainConfig config) {
    Map<Metric, Column> values = new EnumMap<>(Metric.class);
    Column nps = col("nps");
    values.put(Metric.SATISFACTION, col("satisfaction"));
    values.put(Metric.SATISFACTION_TOP2, SurveyMeasures.top2(col("satisfaction"), config.satisfactionScale()));
    values.put(Metric.NPS, when(nps.geq(9), 1.0).when(nps.leq(6), -1.0).when(nps.isNotNull(), 0.0));
    values.put(Metric.EFFORT, col("effort"));
    values.put(Metric.RETENTION_INTENT, SurveyMeasures.retentionIntent(surveys));
    values.put(Metric.INDEX, SurveyMeasures.index(surveys, config.index()));
    return values;
  }

  private static Dataset<Row> surveyDays(Dataset<Row> surveys, SignalchainConfig config) {
    Column w = col("weight");
    List<Column> aggs = new ArrayList<>();
    for (var e : surveyValues(surveys, config).entrySet()) {
      String k = e.getKey().key();
      Column x = e.getValue().cast("double");
      Column wx = w.multiply(x);
      aggs.add(count(x).as(k + "_n"));
      aggs.add(sum(when(x.isNotNull(), w)).as(k + "_w"));
      aggs.add(sum(wx).as(k + "_wx"));
      aggs.add(sum(wx.multiply(x)).as(k + "_wxx"));
      aggs.add(sum(when(x.isNotNull(), w.multiply(w))).as(k + "_ww"));
    }
    return surveys.groupBy(col("step_id"), to_date(col("responded_at")).as(DAY))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /** Contact days ({@code ContactDays}) → per step and day, by contact type. */
  private static Dataset<Row> contactDays(Dataset<Row> contactDays) {
    Column type = col(ContactGroups.CONTACT_TYPE);
    Column n = col(ContactGroups.CONTACTS);
    return contactDays.groupBy(col("step_id"), col(DAY)).agg(
        sum(n).as("contacts"),
        sum(when(type.equalTo("complaint"), n)).as("complaints"),
        sum(when(type.equalTo("question"), n)).as("questions"),
        sum(when(type.equalTo("request"), n)).as("requests"),
        sum(when(type.equalTo("compliment"), n)).as("compliments"),
        sum(ContactGroups.COST_EUR).as("contact_cost_eur"));
  }

  /** Day rows per step → summed per unit (a sub-step also for its parent) and period. */
  private static Dataset<Row> rollUp(Dataset<Row> days, List<TrendPeriod> periods, SignalchainConfig config,
      List<String> columns) {
    Column[] kinds = periods.stream().map(p -> struct(lit(p.key()).as(PERIOD_TYPE),
        trunc(col(DAY), p.key()).as(PERIOD_START))).toArray(Column[]::new);
    Dataset<Row> onUnits = JourneyConformance.toUnits(days, config.journey())
        .withColumn("period", explode(array(kinds)));
    List<Column> sums = columns.stream().map(c -> sum(col(c)).as(c)).toList();
    return onUnits.groupBy(col(UNIT), col("period." + PERIOD_TYPE).as(PERIOD_TYPE),
        col("period." + PERIOD_START).as(PERIOD_START))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  private static PeriodAggregate aggregate(Row r) {
    Map<Metric, WeightedSums> surveys = new LinkedHashMap<>();
    for (Metric m : Metric.SURVEY) {
      String k = m.key();
      surveys.put(m, new WeightedSums(longOf(r, k + "_n"), doubleOf(r, k + "_w"), doubleOf(r, k + "_wx"),
          doubleOf(r, k + "_wxx"), doubleOf(r, k + "_ww")));
    }
    return new PeriodAggregate(r.getAs(UNIT), TrendPeriod.fromKey(r.getAs(PERIOD_TYPE)),
        ((Date) r.getAs(PERIOD_START)).toLocalDate(), surveys, longOf(r, "contacts"),
        longOf(r, "complaints"), longOf(r, "questions"), longOf(r, "requests"), longOf(r, "compliments"),
        doubleOf(r, "contact_cost_eur"), longOf(r, "volume"));
  }
}
