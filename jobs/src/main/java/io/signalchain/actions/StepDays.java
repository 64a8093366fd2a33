package io.signalchain.actions;

import static io.signalchain.measures.SumColumns.doubleOf;
import static io.signalchain.measures.SumColumns.longOf;
import static io.signalchain.journey.JourneyConformance.UNIT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.ActionMetric;
import io.signalchain.config.Journey;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.ContactGroups;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.measures.SurveyMeasures;
import io.signalchain.measures.stats.WeightedSums;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The day sums of the steps the actions are measured on (their own steps and the top-level
 * comparison steps), over the days any action's periods cover: one aggregation per input, to at
 * most steps × days rows, which is all that reaches the driver. Every period's figures are then
 * sums of these days.
 */
final class StepDays {
  private static final String DAY = "day";
  private static final List<String> PARTS = List.of("n", "w", "wx", "wxx", "ww");

  private final Map<String, TreeMap<LocalDate, PeriodFigures>> days = new HashMap<>();

  private StepDays() {}

  /**
   * @param surveys accepted survey responses (all history)
   * @param contactDays contacts summed per step and day ({@link ContactDays})
   * @param volumes accepted process volumes (all history)
   */
  static StepDays of(Dataset<Row> surveys, Dataset<Row> contactDays, Dataset<Row> volumes, Set<String> units,
      LocalDate first, LocalDate last, Journey journey) {
    StepDays out = new StepDays();
    Column[] keys = {col(UNIT), col(DAY)};
    List<Column> surveySums = new ArrayList<>();
    Column w = col("weight");
    for (var e : surveyValues(surveys).entrySet()) {
      String k = e.getKey().key();
      Column x = e.getValue().cast("double");
      surveySums.add(count(x).as(k + "_n"));
      surveySums.add(sum(when(x.isNotNull(), w)).as(k + "_w"));
      surveySums.add(sum(w.multiply(x)).as(k + "_wx"));
      surveySums.add(sum(w.multiply(x).multiply(x)).as(k + "_wxx"));
      surveySums.add(sum(when(x.isNotNull(), w.multiply(w))).as(k + "_ww"));
    }
    for (Row r : onUnits(surveys.withColumn(DAY, to_date(col("responded_at"))), units, first, last, journey)
        .groupBy(keys).agg(surveySums.get(0), surveySums.subList(1, surveySums.size()).toArray(Column[]::new))
        .collectAsList()) {
      Map<ActionMetric, WeightedSums> sums = new EnumMap<>(ActionMetric.class);
      for (ActionMetric m : surveyValues(surveys).keySet()) {
        String k = m.key();
        sums.put(m, new WeightedSums(longOf(r, k + "_n"), doubleOf(r, k + "_w"), doubleOf(r, k + "_wx"),
            doubleOf(r, k + "_wxx"), doubleOf(r, k + "_ww")));
      }
      out.add(r, new PeriodFigures(sums, 0, 0, 0));
    }
    for (Row r : onUnits(contactDays.withColumn(DAY, col(ContactDays.DAY)), units, first, last, journey)
        .groupBy(keys).agg(sum(ContactGroups.CONTACTS).as("contacts"), sum(ContactGroups.COST_EUR).as("cost"))
        .collectAsList()) {
      out.add(r, new PeriodFigures(Map.of(), longOf(r, "contacts"), doubleOf(r, "cost"), 0));
    }
    for (Row r : onUnits(volumes.withColumn(DAY, col("date")), units, first, last, journey)
        .groupBy(keys).agg(sum("volume").as("volume")).collectAsList()) {
      out.add(r, new PeriodFigures(Map.of(), 0, 0, longOf(r, "volume")));
    }
    return out;
  }

  /** The per-response value of each survey metric; NPS as +100 / 0 / −100, so that its mean is the NPS. */
  private static Map<ActionMetric, Column> surveyValues(Dataset<Row> surveys) {
    Map<ActionMetric, Column> values = new EnumMap<>(ActionMetric.class);
    Column nps = col("nps");
    values.put(ActionMetric.SATISFACTION, col("satisfaction"));
    values.put(ActionMetric.NPS, when(nps.geq(9), 100.0).when(nps.leq(6), -100.0).when(nps.isNotNull(), 0.0));
    values.put(ActionMetric.EFFORT, col("effort"));
    values.put(ActionMetric.RETENTION_INTENT, SurveyMeasures.retentionIntent(surveys));
    return values;
  }

  private static Dataset<Row> onUnits(Dataset<Row> rows, Set<String> units, LocalDate first, LocalDate last,
      Journey journey) {
    Dataset<Row> inDays = rows.filter(col(DAY).between(lit(Date.valueOf(first)), lit(Date.valueOf(last))));
    return JourneyConformance.toUnits(inDays, journey).filter(col(UNIT).isin(units.toArray()));
  }

  private void add(Row r, PeriodFigures figures) {
    LocalDate day = ((Date) r.getAs(DAY)).toLocalDate();
    days.computeIfAbsent(r.getAs(UNIT), u -> new TreeMap<>()).merge(day, figures, PeriodFigures::plus);
  }

  /** The step's figures summed over the days first … last (inclusive). */
  PeriodFigures over(String unit, LocalDate first, LocalDate last) {
    PeriodFigures total = PeriodFigures.EMPTY;
    if (last.isBefore(first)) {
      return total;
    }
    for (PeriodFigures day : days.getOrDefault(unit, new TreeMap<>()).subMap(first, true, last, true).values()) {
      total = total.plus(day);
    }
    return total;
  }
}
