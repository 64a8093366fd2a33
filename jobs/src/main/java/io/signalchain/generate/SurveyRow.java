package io.signalchain.generate;

import static io.signalchain.generate.RowLayout.column;

import io.signalchain.generate.RowLayout.Column;
import io.signalchain.generate.RowLayout.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One generated survey_responses row (DESIGN.md section 4); {@code respondedAt} in epoch seconds
 * (UTC wall clock); {@code drivers} the driver ratings in {@link PlantedEffects#DRIVERS} order, null
 * where not asked or not answered. The {@code with…} copies are how a row gets broken.
 */
record SurveyRow(
    String responseId, String customerId, String stepId, String channel, Long respondedAt,
    Double satisfaction, Integer nps, Double effort, Double weight, String segment, Double retentionIntent,
    List<Double> drivers, CsvText csvText) implements InputRow {

  static final RowLayout<SurveyRow> LAYOUT = layout();

  SurveyRow {
    if (drivers.size() != PlantedEffects.DRIVERS.size()) {
      throw new IllegalArgumentException(drivers.size() + " driver ratings for " + PlantedEffects.DRIVERS);
    }
    drivers = Collections.unmodifiableList(new ArrayList<>(drivers));
  }

  private static RowLayout<SurveyRow> layout() {
    List<Column<SurveyRow>> columns = new ArrayList<>(List.of(
        column("response_id", Type.STRING, SurveyRow::responseId),
        column("customer_id", Type.STRING, SurveyRow::customerId),
        column("step_id", Type.STRING, SurveyRow::stepId),
        column("channel", Type.STRING, SurveyRow::channel),
        column("responded_at", Type.TIMESTAMP, SurveyRow::respondedAt),
        column("satisfaction", Type.DOUBLE, SurveyRow::satisfaction),
        column("nps", Type.INT, SurveyRow::nps),
        column("effort", Type.DOUBLE, SurveyRow::effort),
        column("weight", Type.DOUBLE, SurveyRow::weight),
        column("segment", Type.STRING, SurveyRow::segment),
        column("retention_intent", Type.DOUBLE, SurveyRow::retentionIntent)));
    for (int i = 0; i < PlantedEffects.DRIVERS.size(); i++) {
      int driver = i;
      columns.add(column(driverColumn(PlantedEffects.DRIVERS.get(i)), Type.DOUBLE, r -> r.drivers().get(driver)));
    }
    return new RowLayout<>(columns);
  }

  static String driverColumn(String driver) {
    return "driver_" + driver;
  }

  SurveyRow withResponseId(String id) {
    return new SurveyRow(id, customerId, stepId, channel, respondedAt, satisfaction, nps, effort, weight, segment,
        retentionIntent, drivers, csvText);
  }

  SurveyRow withStepId(String id) {
    return new SurveyRow(responseId, customerId, id, channel, respondedAt, satisfaction, nps, effort, weight,
        segment, retentionIntent, drivers, csvText);
  }

  SurveyRow withRespondedAt(Long epochSecond) {
    return new SurveyRow(responseId, customerId, stepId, channel, epochSecond, satisfaction, nps, effort, weight,
        segment, retentionIntent, drivers, csvText);
  }

  SurveyRow withSatisfaction(Double rating) {
    return new SurveyRow(responseId, customerId, stepId, channel, respondedAt, rating, nps, effort, weight, segment,
        retentionIntent, drivers, csvText);
  }

  SurveyRow withNps(Integer score) {
    return new SurveyRow(responseId, customerId, stepId, channel, respondedAt, satisfaction, score, effort, weight,
        segment, retentionIntent, drivers, csvText);
  }

  SurveyRow withWeight(Double w) {
    return new SurveyRow(responseId, customerId, stepId, channel, respondedAt, satisfaction, nps, effort, w, segment,
        retentionIntent, drivers, csvText);
  }

  /** The row with {@code driver}'s rating replaced. */
  SurveyRow withDriver(String driver, Double rating) {
    List<Double> ratings = new ArrayList<>(drivers);
    ratings.set(PlantedEffects.DRIVERS.indexOf(driver), rating);
    return new SurveyRow(responseId, customerId, stepId, channel, respondedAt, satisfaction, nps, effort, weight,
        segment, retentionIntent, ratings, csvText);
  }

  /** The row with {@code text} written to CSV in {@code column} instead of its value. */
  SurveyRow withCsvText(String column, String text) {
    return new SurveyRow(responseId, customerId, stepId, channel, respondedAt, satisfaction, nps, effort, weight,
        segment, retentionIntent, drivers, csvText.with(column, text));
  }
}
