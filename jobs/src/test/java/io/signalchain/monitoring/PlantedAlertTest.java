package io.signalchain.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.generate.PlantedEffects;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.SampleRun;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The sample run finds the worsening the generator planted: pay.arrangement 1.5 satisfaction
 * points lower from week 43 on. No other step worsens significantly (its parent pay may, as it
 * holds pay.arrangement's responses).
 */
class PlantedAlertTest {
  @Test
  void thePlantedWorseningIsAlertedAndNothingElseWorsensSignificantly() {
    Dataset<Row> alerts = CliRunner.table(SampleRun.output(), "kpi_alerts");
    Row planted = alerts.filter("step_id = '" + PlantedEffects.WORSENING_STEP + "' and period_type = 'week' "
        + "and metric = 'satisfaction' and comparison = 'baseline'").first();
    assertEquals("2026-W43", planted.getAs("period"), "the last complete week on 2026-10-31");
    assertTrue((Boolean) planted.getAs("alert"));
    assertTrue((Double) planted.getAs("q_value") < 0.05, "q " + planted.getAs("q_value"));
    double low = planted.getAs("ci_low");
    double high = planted.getAs("ci_high");
    assertTrue(low <= -PlantedEffects.WORSENING_POINTS && -PlantedEffects.WORSENING_POINTS <= high,
        "the interval " + low + " to " + high + " holds the planted drop");

    List<Row> worse = alerts.filter("significant and worse").collectAsList();
    Set<String> steps = new TreeSet<>();
    worse.forEach(r -> steps.add(r.getAs("step_id")));
    assertTrue(Set.of(PlantedEffects.WORSENING_STEP, "pay").containsAll(steps),
        "significantly worse: " + steps);
  }
}
