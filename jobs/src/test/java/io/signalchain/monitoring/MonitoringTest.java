package io.signalchain.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.JourneyStepsTable;
import io.signalchain.measures.stats.ChangeTests;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * kpi_trends and kpi_alerts on a tiny history, run date Sunday 2026-10-25: the last complete week
 * is 2026-W43 (19–25 October), its previous week W42 and its 2-week baseline W41–W42; October is
 * partial, so September is the last complete month. pay.reminder rates 4, 5, 6 in W43, 7, 8, 9 in
 * W42 and 6, 7, 8 in W41 (weights 1); the parent pay has the same signals. Expected tests from R.
 */
class MonitoringTest {
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-10-25");
  private final SparkSession spark = SharedSpark.session();

  private Monitoring.Tables run(String language) {
    SignalchainConfig config = TestConfigs.defaults(Map.of("monitoring.min_responses", "2",
        "monitoring.baseline_periods", "2", "report.language", language));
    Dataset<Row> surveys = spark.sql("""
        select step_id, cast(at as timestamp) responded_at, satisfaction, nps, effort, 1.0D weight,
          cast(null as double) retention_intent from values
          ('pay.reminder', '2026-10-20 10:00:00', 4.0D, 3L, 5.0D),
          ('pay.reminder', '2026-10-21 10:00:00', 5.0D, 9L, null),
          ('pay.reminder', '2026-10-25 23:00:00', 6.0D, 7L, null),
          ('pay.reminder', '2026-10-13 10:00:00', 7.0D, 10L, 2.0D),
          ('pay.reminder', '2026-10-14 10:00:00', 8.0D, 10L, 3.0D),
          ('pay.reminder', '2026-10-15 10:00:00', 9.0D, 9L, 2.0D),
          ('pay.reminder', '2026-10-06 10:00:00', 6.0D, 8L, null),
          ('pay.reminder', '2026-10-07 10:00:00', 7.0D, 8L, null),
          ('pay.reminder', '2026-10-08 10:00:00', 8.0D, 8L, null),
          ('pay.reminder', '2026-10-27 10:00:00', 1.0D, 0L, null),
          ('pay.reminder', '2026-11-02 10:00:00', 1.0D, 0L, null)
        as t(step_id, at, satisfaction, nps, effort)""");
    Dataset<Row> contacts = spark.sql("""
        select step_id, cast(at as timestamp) contacted_at, channel, contact_type, cast(null as string) reason, cost_eur
        from values
          ('pay.reminder', '2026-10-20 09:00:00', 'phone', 'complaint', cast(null as double)),
          ('pay.reminder', '2026-10-21 09:00:00', 'phone', 'Complaint', 1.0D),
          ('pay.reminder', '2026-10-22 09:00:00', 'chat',  'question',  cast(null as double)),
          ('pay.reminder', '2026-10-13 09:00:00', 'chat',  'question',  cast(null as double))
        as t(step_id, at, channel, contact_type, cost_eur)""");
    Dataset<Row> volumes = spark.sql("""
        select step_id, cast(d as date) date, volume from values
          ('pay.reminder', '2026-10-20', 1000L), ('pay.reminder', '2026-10-13', 1000L)
        as t(step_id, d, volume)""");
    return Monitoring.compute(surveys, ContactDays.of(contacts, config), volumes,
        JourneyStepsTable.units(config.journey()), RUN_DATE, config);
  }

  private static Row only(Dataset<Row> table, String where) {
    List<Row> rows = table.filter(where).collectAsList();
    assertEquals(1, rows.size(), where);
    return rows.get(0);
  }

  private static void near(double expected, Object actual, String what) {
    double a = ((Number) actual).doubleValue();
    assertEquals(expected, a, Math.max(1, Math.abs(expected)) * 1e-9, what);
  }

  @Test
  void trendsPerStepAndPeriodWithIntervalsAndPartialPeriods() {
    Dataset<Row> trends = run("nl").trends();
    for (String step : List.of("pay.reminder", "pay")) {
      Row w43 = only(trends, "step_id = '" + step + "' and period = '2026-W43'");
      assertEquals("week", w43.getAs("period_type"));
      assertEquals(LocalDate.parse("2026-10-19"), ((Date) w43.getAs("period_start")).toLocalDate());
      assertFalse((Boolean) w43.getAs("partial"), "W43 ends on the run date");
      assertEquals(3L, (Long) w43.getAs("responses"));
      near(5.0, w43.getAs("satisfaction_mean"), "mean");
      near(1 / Math.sqrt(3), w43.getAs("satisfaction_se"), "sd 1 over √3");
      // R: 5 -/+ qt(0.975, 2)/sqrt(3)
      near(2.5158622882496697, w43.getAs("satisfaction_ci_low"), "ci low");
      near(7.4841377117503303, w43.getAs("satisfaction_ci_high"), "ci high");
      // NPS: 3 detractor, 9 promoter, 7 passive → 0; effort one answer: no SE
      near(0.0, w43.getAs("nps"), "nps");
      near(100 * Math.sqrt((1.0 / 3 + 1.0 / 3) / 3), w43.getAs("nps_se"), "nps se: √((p + d − (p − d)²) / n)");
      assertNull(w43.getAs("effort_se"));
      assertEquals(3L, (Long) w43.getAs("contacts"));
      assertEquals(2L, (Long) w43.getAs("complaints"), "contact types case-insensitive");
      near(6.5 + 1.0 + 2.5, w43.getAs("contact_cost_eur"), "own cost, else the channel's");
      near(3.0, w43.getAs("contacts_per_1000"), "3 contacts per 1,000 passes");
    }
    Row october = only(trends, "step_id = 'pay' and period = '2026-10'");
    assertTrue((Boolean) october.getAs("partial"), "October ends after the run date");
    assertEquals(9L, (Long) october.getAs("responses"), "the responses up to the run date only");
    assertEquals(0, trends.filter("period in ('2026-W44', '2026-W45')").count(), "nothing after the run date");
    assertEquals(0, trends.filter("period = '2026-09'").count(), "a period without signals has no row");
  }

  @Test
  void lastCompleteWeekAgainstPreviousWeekAndBaselineAsR() {
    Dataset<Row> alerts = run("en").alerts();
    String week = "step_id = 'pay.reminder' and period_type = 'week' and metric = 'satisfaction'";
    Row previous = only(alerts, week + " and comparison = 'previous'");
    assertEquals("2026-W43", previous.getAs("period"));
    assertEquals("2026-W42", previous.getAs("reference"));
    // t.test(c(4,5,6), c(7,8,9))
    near(-3.0, previous.getAs("difference"), "difference");
    near(-3.6742346141747673, previous.getAs("statistic"), "t");
    near(4.0000000000000009, previous.getAs("df"), "df");
    near(0.021311641128756706, previous.getAs("p_value"), "p");
    near(-5.2669579355275191, previous.getAs("ci_low"), "ci low");
    near(-0.73304206447248155, previous.getAs("ci_high"), "ci high");
    Row baseline = only(alerts, week + " and comparison = 'baseline'");
    assertEquals("2026-W41..2026-W42", baseline.getAs("reference"));
    assertEquals(2, (Integer) baseline.getAs("reference_periods"));
    // t.test(c(4,5,6), c(6,7,8,7,8,9))
    near(-3.4780417182012622, baseline.getAs("statistic"), "t");
    near(4.2863514719000886, baseline.getAs("df"), "df");
    near(0.022714314711885956, baseline.getAs("p_value"), "p");
    near(-4.4441993899973156, baseline.getAs("ci_low"), "ci low");
    near(-0.5558006100026841, baseline.getAs("ci_high"), "ci high");

    // Satisfaction fell from 8.0 to 5.0, below the global target 7.5, and week 43's own interval
    // lies below it: 5 ± t(0.975, 2) · 1/√3 = 5 ± 2.4841 (R: 5 + qt(0.975, 2) / sqrt(3) = 7.4841).
    assertTrue((Boolean) previous.getAs("alert"));
    assertTrue(((String) previous.getAs("alert_reason")).contains("below_target"));
    near(7.5, previous.getAs("target"), "global target");
    assertTrue(((String) previous.getAs("sentence")).startsWith(
        "I receive a payment reminder: satisfaction 5.0 in week 43, 3.0 below week 42 (8.0) (95 % CI −5.3 to −0.7; q"),
        (String) previous.getAs("sentence"));
    assertTrue(((String) previous.getAs("sentence")).endsWith("; below its target 7.5"));
    // pay has the same answers and its own target 7.0: 5.0 is below it, but the interval (up to
    // 7.4841) is not, so crossing the target alone is no alert.
    Row pay = only(alerts, "step_id = 'pay' and period_type = 'week' and metric = 'satisfaction' "
        + "and comparison = 'previous'");
    near(7.0, pay.getAs("target"), "targets.per_step.pay");
    String payReason = pay.getAs("alert_reason");
    assertTrue(payReason == null || !payReason.contains("below_target"), "pay: " + payReason);
    assertFalse(((String) pay.getAs("sentence")).contains("target"), (String) pay.getAs("sentence"));

    // 3 vs 1 contacts per 1,000 passes: z = 2 / √4 = 1, p = 2·pnorm(−1)
    Row rate = only(alerts, "step_id = 'pay.reminder' and period_type = 'week' and metric = 'contacts_per_1000' "
        + "and comparison = 'previous'");
    near(1.0, rate.getAs("statistic"), "z");
    near(0.31731050786291409, rate.getAs("p_value"), "p");
    assertFalse((Boolean) rate.getAs("alert"), "not significant");

    Row effort = only(alerts, "step_id = 'pay.reminder' and period_type = 'week' and metric = 'effort' "
        + "and comparison = 'previous'");
    assertEquals("too_few_responses", effort.getAs("status"), "one effort answer in W43, at least 2 needed");
    assertNull(effort.getAs("p_value"));
    assertNull(effort.getAs("q_value"));
    assertTrue(((String) effort.getAs("sentence")).contains("not tested: 1 answers in week 43"));
    Row month = only(alerts, "step_id = 'pay.reminder' and period_type = 'month' and metric = 'satisfaction' "
        + "and comparison = 'previous'");
    assertEquals("2026-09", month.getAs("period"), "October is not complete on 25 October");
    assertEquals("no_data", month.getAs("status"));
  }

  @Test
  void qValuesAreBenjaminiHochbergOverTheRunsTests() {
    List<Row> tested = run("nl").alerts().filter("p_value is not null").collectAsList();
    double[] p = tested.stream().mapToDouble(r -> r.getAs("p_value")).toArray();
    double[] q = ChangeTests.benjaminiHochberg(p);
    for (int i = 0; i < tested.size(); i++) {
      near(q[i], tested.get(i).getAs("q_value"), "q of " + tested.get(i).getAs("sentence"));
      boolean significant = tested.get(i).getAs("significant");
      assertEquals(q[i] < 0.05, significant);
    }
    assertTrue(tested.size() >= 4, "the tests of pay.reminder and pay");
  }
}
