package io.signalchain.actions;

import io.signalchain.actions.ActionEffects.ActionEffect;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.measures.stats.Change;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The action_effects table: one row per improvement action and metric (docs/tables.md). */
final class ActionEffectsTable {
  static final StructType SCHEMA = new StructType()
      .add("action_id", DataTypes.StringType, false)
      .add("step_id", DataTypes.StringType, false)
      .add("team", DataTypes.StringType, false)
      .add("title", DataTypes.StringType, false)
      .add("started_on", DataTypes.DateType, false)
      .add("ended_on", DataTypes.DateType, true)
      .add("target_metric", DataTypes.StringType, true)
      .add("metric", DataTypes.StringType, false)
      .add("is_target", DataTypes.BooleanType, false)
      .add("pre_start", DataTypes.DateType, false)
      .add("pre_end", DataTypes.DateType, false)
      .add("post_start", DataTypes.DateType, false)
      .add("post_end", DataTypes.DateType, false)
      .add("post_days_observed", DataTypes.IntegerType, false)
      .add("pre_n", DataTypes.LongType, false)
      .add("post_n", DataTypes.LongType, false)
      .add("pre_passes", DataTypes.LongType, false)
      .add("post_passes", DataTypes.LongType, false)
      .add("pre_value", DataTypes.DoubleType, true)
      .add("post_value", DataTypes.DoubleType, true)
      .add("change", DataTypes.DoubleType, true)
      .add("change_se", DataTypes.DoubleType, true)
      .add("change_ci_low", DataTypes.DoubleType, true)
      .add("change_ci_high", DataTypes.DoubleType, true)
      .add("change_p_value", DataTypes.DoubleType, true)
      .add("comparison_steps", DataTypes.StringType, true)
      .add("comparison_count", DataTypes.IntegerType, false)
      .add("comparison_change", DataTypes.DoubleType, true)
      .add("did", DataTypes.DoubleType, true)
      .add("did_se", DataTypes.DoubleType, true)
      .add("did_ci_low", DataTypes.DoubleType, true)
      .add("did_ci_high", DataTypes.DoubleType, true)
      .add("did_p_value", DataTypes.DoubleType, true)
      .add("euro_per_month", DataTypes.DoubleType, true)
      .add("euro_per_month_ci_low", DataTypes.DoubleType, true)
      .add("euro_per_month_ci_high", DataTypes.DoubleType, true)
      .add("overlapping_actions", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("status_reason", DataTypes.StringType, true)
      .add("sentence", DataTypes.StringType, false);

  private ActionEffectsTable() {}

  static Dataset<Row> of(SparkSession spark, List<ActionEffect> effects, SignalchainConfig config) {
    ActionSentences sentences = new ActionSentences(config);
    List<Row> rows = new ArrayList<>();
    for (ActionEffect e : effects) {
      String sentence = sentences.sentence(e);
      var a = e.action();
      var p = e.periods();
      for (MetricEffect m : e.metrics()) {
        Change c = m.change();
        Change d = m.did();
        Change euro = m.euroPerMonth();
        rows.add(RowFactory.create(a.actionId(), a.stepId(), a.team(), a.title(), date(a.startedOn()),
            date(a.endedOn()), a.targetMetric() == null ? null : a.targetMetric().key(), m.metric().key(),
            m.metric() == a.targetMetric(), date(p.preFirst()), date(p.preLast()), date(p.postFirst()),
            date(p.postLast()), (int) p.observedPostDays(), m.pre().count(m.metric()), m.post().count(m.metric()),
            m.pre().passes(), m.post().passes(), finite(m.pre().value(m.metric())),
            finite(m.post().value(m.metric())),
            c == null ? null : finite(c.difference()), c == null ? null : finite(c.standardError()),
            c == null ? null : finite(c.ciLow()), c == null ? null : finite(c.ciHigh()),
            c == null ? null : finite(c.pValue()),
            m.comparisonSteps().isEmpty() ? null : String.join(",", m.comparisonSteps()), m.comparisonSteps().size(),
            finite(m.comparisonChange()),
            d == null ? null : finite(d.difference()), d == null ? null : finite(d.standardError()),
            d == null ? null : finite(d.ciLow()), d == null ? null : finite(d.ciHigh()),
            d == null ? null : finite(d.pValue()),
            euro == null ? null : finite(euro.difference()), euro == null ? null : finite(euro.ciLow()),
            euro == null ? null : finite(euro.ciHigh()),
            e.overlapping().isEmpty() ? null : String.join(",", e.overlapping()), m.status().name(), m.reason(),
            sentence));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
