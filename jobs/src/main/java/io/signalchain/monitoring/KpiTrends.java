package io.signalchain.monitoring;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.measures.stats.WeightedSums;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The kpi_trends table: per step and period (week, month) over the whole history, the weighted
 * means with their standard errors and 95 % intervals (Student t on Kish's effective n − 1
 * degrees of freedom), the top-2 share and NPS with their standard errors, and the contact
 * figures. A period that ends after the run date is {@code partial}.
 */
final class KpiTrends {

  private KpiTrends() {}

  static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType s = new StructType()
        .add("step_id", DataTypes.StringType, false)
        .add("period_type", DataTypes.StringType, false)
        .add("period", DataTypes.StringType, false)
        .add("period_start", DataTypes.DateType, false)
        .add("period_end", DataTypes.DateType, false)
        .add("partial", DataTypes.BooleanType, false)
        .add("responses", DataTypes.LongType, false)
        .add("weight_sum", DataTypes.DoubleType, true)
        .add("effective_n", DataTypes.DoubleType, true);
    s = mean(s, "satisfaction");
    s = s.add("satisfaction_top2_pct", DataTypes.DoubleType, true)
        .add("satisfaction_top2_se", DataTypes.DoubleType, true)
        .add("nps", DataTypes.DoubleType, true)
        .add("nps_se", DataTypes.DoubleType, true)
        .add("nps_responses", DataTypes.LongType, false);
    s = mean(s, "effort");
    s = mean(s, "retention_intent");
    s = s.add("index_name", DataTypes.StringType, true);
    s = mean(s, "index");
    DataType count = DataTypes.LongType;
    return s.add("contacts", count, false).add("complaints", count, false).add("questions", count, false)
        .add("requests", count, false).add("compliments", count, false)
        .add("contact_cost_eur", DataTypes.DoubleType, false)
        .add("process_volume", count, false)
        .add("contacts_per_1000", DataTypes.DoubleType, true);
  }

  private static StructType mean(StructType s, String name) {
    return s.add(name + "_mean", DataTypes.DoubleType, true).add(name + "_se", DataTypes.DoubleType, true)
        .add(name + "_ci_low", DataTypes.DoubleType, true).add(name + "_ci_high", DataTypes.DoubleType, true);
  }

  static Dataset<Row> table(SparkSession spark, List<PeriodAggregate> periods, LocalDate runDate,
      SignalchainConfig config) {
    List<Row> rows = new ArrayList<>(periods.size());
    for (PeriodAggregate p : periods) {
      rows.add(row(p, runDate, config));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static Row row(PeriodAggregate p, LocalDate runDate, SignalchainConfig config) {
    List<Object> v = new ArrayList<>();
    WeightedSums sat = p.sums(Metric.SATISFACTION);
    v.add(p.unit());
    v.add(p.type().key());
    v.add(PeriodAggregate.label(p.type(), p.start()));
    v.add(Date.valueOf(p.start()));
    v.add(Date.valueOf(p.end()));
    v.add(p.end().isAfter(runDate));
    v.add(p.responses());
    v.add(value(sat.n() > 0 ? sat.sumW() : Double.NaN));
    v.add(value(sat.n() > 0 ? sat.effectiveN() : Double.NaN));
    addMean(v, sat);
    WeightedSums top2 = p.sums(Metric.SATISFACTION_TOP2);
    v.add(value(100 * top2.mean()));
    v.add(value(100 * top2.shareError()));
    WeightedSums nps = p.sums(Metric.NPS);
    v.add(value(100 * nps.mean()));
    v.add(value(100 * nps.shareError()));
    v.add(nps.n());
    addMean(v, p.sums(Metric.EFFORT));
    addMean(v, p.sums(Metric.RETENTION_INTENT));
    v.add(config.index().name());
    addMean(v, p.sums(Metric.INDEX));
    v.add(p.contacts());
    v.add(p.complaints());
    v.add(p.questions());
    v.add(p.requests());
    v.add(p.compliments());
    v.add(p.contactCostEur());
    v.add(p.volume());
    v.add(p.volume() > 0 ? 1000.0 * p.contacts() / p.volume() : null);
    return RowFactory.create(v.toArray());
  }

  private static void addMean(List<Object> v, WeightedSums s) {
    double mean = s.mean();
    double se = s.meanError();
    double half = halfWidth(s);
    v.add(value(mean));
    v.add(value(se));
    v.add(value(mean - half));
    v.add(value(mean + half));
  }

  /** Half the 95 % interval of a weighted mean: t(0.975, n_eff − 1) · SE; NaN below two answers. */
  static double halfWidth(WeightedSums s) {
    double se = s.meanError();
    if (Double.isFinite(se) && s.effectiveN() > 1) {
      return new TDistribution(null, s.effectiveN() - 1).inverseCumulativeProbability(0.975) * se;
    }
    return Double.NaN;
  }

  /** A number, or null where it is not one (no responses, one response). */
  static Double value(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
