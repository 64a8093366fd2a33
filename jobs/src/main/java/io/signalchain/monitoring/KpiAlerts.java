package io.signalchain.monitoring;

import io.signalchain.config.MonitoringSettings;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.config.TrendPeriod;
import io.signalchain.measures.stats.Change;
import io.signalchain.measures.stats.ChangeTests;
import io.signalchain.measures.stats.WeightedSums;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The kpi_alerts table: per step, period type and metric, the last complete period against the
 * previous period and against the baseline (the {@code monitoring.baseline_periods} periods
 * before it, pooled), each with its test, a Benjamini–Hochberg q-value over every test of the
 * run, and whether it is an alert: significantly worse (q below {@code monitoring.alert_fdr}),
 * or satisfaction fallen below the step's target with the period's 95 % interval below it
 * ({@link MetricChange#belowTarget()}). Every row has a readable sentence.
 */
final class KpiAlerts {
  static final StructType SCHEMA = new StructType()
      .add("step_id", DataTypes.StringType, false)
      .add("period_type", DataTypes.StringType, false)
      .add("period", DataTypes.StringType, false)
      .add("metric", DataTypes.StringType, false)
      .add("comparison", DataTypes.StringType, false)
      .add("reference", DataTypes.StringType, false)
      .add("reference_periods", DataTypes.IntegerType, false)
      .add("responses", DataTypes.LongType, false)
      .add("reference_responses", DataTypes.LongType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("reference_value", DataTypes.DoubleType, true)
      .add("difference", DataTypes.DoubleType, true)
      .add("ci_low", DataTypes.DoubleType, true)
      .add("ci_high", DataTypes.DoubleType, true)
      .add("statistic", DataTypes.DoubleType, true)
      .add("df", DataTypes.DoubleType, true)
      .add("p_value", DataTypes.DoubleType, true)
      .add("q_value", DataTypes.DoubleType, true)
      .add("status", DataTypes.StringType, false)
      .add("significant", DataTypes.BooleanType, false)
      .add("worse", DataTypes.BooleanType, false)
      .add("target", DataTypes.DoubleType, true)
      .add("alert", DataTypes.BooleanType, false)
      .add("alert_reason", DataTypes.StringType, true)
      .add("sentence", DataTypes.StringType, false)
      .add("period_start", DataTypes.DateType, false);

  private KpiAlerts() {}

  /** The last period of {@code type} that is complete on {@code runDate}. */
  static LocalDate lastComplete(TrendPeriod type, LocalDate runDate) {
    LocalDate start = PeriodAggregate.startOf(type, runDate);
    return PeriodAggregate.end(type, start).isAfter(runDate) ? PeriodAggregate.previous(type, start) : start;
  }

  /** Every change of the run, tested, in step, period type, metric and comparison order. */
  static List<MetricChange> changes(List<PeriodAggregate> periods, List<String> units, LocalDate runDate,
      SignalchainConfig config) {
    Map<String, PeriodAggregate> byKey = new HashMap<>();
    periods.forEach(p -> byKey.put(key(p.unit(), p.type(), p.start()), p));
    MonitoringSettings settings = config.monitoring();
    List<MetricChange> changes = new ArrayList<>();
    for (String unit : units) {
      for (TrendPeriod type : settings.periods()) {
        LocalDate start = lastComplete(type, runDate);
        PeriodAggregate current = byKey.getOrDefault(key(unit, type, start), PeriodAggregate.empty(unit, type, start));
        LocalDate previousStart = PeriodAggregate.previous(type, start);
        PeriodAggregate previous = byKey.getOrDefault(key(unit, type, previousStart),
            PeriodAggregate.empty(unit, type, previousStart));
        PeriodAggregate baseline = PeriodAggregate.empty(unit, type, previousStart);
        LocalDate first = previousStart;
        int withData = 0;
        for (int i = 0; i < settings.baselinePeriods(); i++) {
          PeriodAggregate p = byKey.get(key(unit, type, first));
          if (p != null && p.hasData()) {
            baseline = baseline.plus(p);
            withData++;
          }
          if (i < settings.baselinePeriods() - 1) {
            first = PeriodAggregate.previous(type, first);
          }
        }
        for (Metric metric : Metric.values()) {
          double target = metric == Metric.SATISFACTION ? config.targetSatisfaction(unit) : Double.NaN;
          changes.add(change(current, previous, previousStart, previousStart, previous.hasData() ? 1 : 0,
              metric, Comparison.PREVIOUS, settings.minResponses(), target));
          changes.add(change(current, baseline, first, previousStart, withData, metric, Comparison.BASELINE,
              settings.minResponses(), target));
        }
      }
    }
    return changes;
  }

  private static String key(String unit, TrendPeriod type, LocalDate start) {
    return unit + "|" + type.key() + "|" + start;
  }

  static MetricChange change(PeriodAggregate current, PeriodAggregate reference, LocalDate referenceFirst,
      LocalDate referenceLast, int referencePeriods, Metric metric, Comparison comparison, int minResponses,
      double target) {
    long n;
    long refN;
    double value;
    double valueHigh = Double.NaN;
    double refValue;
    ChangeStatus status;
    Change change = null;
    if (metric.kind() == Metric.Kind.RATE) {
      n = current.contacts();
      refN = reference.contacts();
      value = current.volume() > 0 ? 1000.0 * current.contacts() / current.volume() : Double.NaN;
      refValue = reference.volume() > 0 ? 1000.0 * reference.contacts() / reference.volume() : Double.NaN;
      status = current.volume() == 0 || reference.volume() == 0 ? ChangeStatus.NO_VOLUME
          : current.contacts() + reference.contacts() == 0 ? ChangeStatus.NO_VARIATION : ChangeStatus.OK;
      if (status == ChangeStatus.OK) {
        change = ChangeTests.rate(current.contacts(), current.volume(), reference.contacts(), reference.volume());
      }
    } else {
      WeightedSums a = current.sums(metric);
      WeightedSums b = reference.sums(metric);
      n = a.n();
      refN = b.n();
      value = metric.scale() * a.mean();
      if (metric.kind() == Metric.Kind.MEAN) {
        valueHigh = value + KpiTrends.halfWidth(a);
      }
      refValue = metric.scale() * b.mean();
      status = n == 0 ? ChangeStatus.NO_DATA : refN == 0 ? ChangeStatus.NO_REFERENCE
          : n < minResponses || refN < minResponses ? ChangeStatus.TOO_FEW_RESPONSES : ChangeStatus.OK;
      if (status == ChangeStatus.OK) {
        change = metric.kind() == Metric.Kind.MEAN ? ChangeTests.welch(a, b) : scaled(ChangeTests.share(a, b), 100);
        if (!(change.standardError() > 0)) {
          change = null;
          status = ChangeStatus.NO_VARIATION;
        }
      }
    }
    return new MetricChange(current.unit(), current.type(), current.start(), metric, comparison, referenceFirst,
        referenceLast, referencePeriods, n, refN, value, valueHigh, refValue, change, status, target);
  }

  private static Change scaled(Change c, double k) {
    return new Change(k * c.difference(), k * c.standardError(), k * c.ciLow(), k * c.ciHigh(), c.statistic(),
        c.df(), c.pValue());
  }

  /** The table, with q-values over all the run's tests and the alerts at {@code monitoring.alert_fdr}. */
  static Dataset<Row> table(SparkSession spark, List<MetricChange> changes, SignalchainConfig config) {
    double[] p = changes.stream().mapToDouble(c -> c.change() == null ? Double.NaN : c.change().pValue()).toArray();
    double[] q = ChangeTests.benjaminiHochberg(p);
    AlertSentences sentences = new AlertSentences(config);
    List<Row> rows = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      rows.add(row(changes.get(i), q[i], config.monitoring().alertFdr(), sentences));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static Row row(MetricChange c, double q, double fdr, AlertSentences sentences) {
    Change ch = c.change();
    boolean significant = ch != null && q < fdr;
    boolean worse = c.worse();
    boolean worsened = significant && worse;
    boolean crossed = c.belowTarget();
    String reason = worsened && crossed ? "worse; below_target" : worsened ? "worse" : crossed ? "below_target" : null;
    return RowFactory.create(c.unit(), c.type().key(), PeriodAggregate.label(c.type(), c.periodStart()),
        c.metric().key(), c.comparison().key(), reference(c), c.referencePeriods(), c.responses(),
        c.referenceResponses(), KpiTrends.value(c.value()), KpiTrends.value(c.referenceValue()),
        ch == null ? null : ch.difference(), ch == null ? null : ch.ciLow(), ch == null ? null : ch.ciHigh(),
        ch == null ? null : ch.statistic(), ch == null ? null : KpiTrends.value(ch.df()),
        ch == null ? null : ch.pValue(), ch == null ? null : q, c.status().key(), significant, worse,
        KpiTrends.value(c.target()), worsened || crossed, reason, sentences.sentence(c, q, crossed),
        Date.valueOf(c.periodStart()));
  }

  /** 2026-W42, or 2026-W35..2026-W42 for a baseline. */
  static String reference(MetricChange c) {
    String last = PeriodAggregate.label(c.type(), c.referenceLast());
    return c.comparison() == Comparison.PREVIOUS ? last
        : PeriodAggregate.label(c.type(), c.referenceFirst()) + ".." + last;
  }
}
