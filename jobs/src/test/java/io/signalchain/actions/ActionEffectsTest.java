package io.signalchain.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactDays;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * action_effects on a hand-built history, one-week periods (actions.pre_weeks = post_weeks = 1),
 * run date 2026-10-20. A1 "Nieuwe factuuruitleg" on receive_invoice starts 2026-10-08: pre-period
 * 1–7 October, post-period 8–14 October. Its step rates 5, 6, 7 before and 7, 8, 9 after (change
 * +2, each mean's SE √(1/3)); the comparison steps with data are use_product (6, 7, 8 → 6, 7, 8:
 * 0) and change_details (4, 5, 6 → 5, 6, 7: +1); move_house has its own action (A2) then, so it
 * is no comparison step. DiD = 2 − (0 + 1) / 2 = 1.5, SE² = 2/3 + (2/3 + 2/3) / 4 = 1.
 * Contacts per 1,000 passes: receive_invoice 30 → 15 (1,000 passes each week), use_product 20 →
 * 20, change_details 20 → 24 (500 passes): DiD = −15 − 2 = −17. Cost per 1,000 passes: 120 → 60,
 * 80 → 80, 80 → 96: DiD = −60 − 8 = −68, per month −68 × 1000 / 7 × 30.4375 / 1000 = −295.68 €.
 */
class ActionEffectsTest {
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-10-20");
  private final SparkSession spark = SharedSpark.session();

  private Map<String, Row> run(String language) {
    SignalchainConfig config = TestConfigs.defaults(Map.of("actions.pre_weeks", "1", "actions.post_weeks", "1",
        "actions.min_responses", "2", "report.language", language));
    Dataset<Row> actions = spark.sql("""
        select action_id, step_id, team, title, cast(s as date) started_on, cast(e as date) ended_on, target_metric
        from values
          ('A1', 'receive_invoice', 'Billing', 'Nieuwe factuuruitleg', '2026-10-08', null, 'satisfaction'),
          ('A2', 'move_house', 'Service', 'Verhuischecklist', '2026-10-10', null, null),
          ('A3', 'receive_invoice', 'Billing', 'Factuur in de app', '2026-10-12', '2026-10-13', null),
          ('A4', 'use_product', 'Product', 'Handleiding', '2026-10-18', null, 'contacts_per_1000'),
          ('A5', 'complain', 'Service', 'Verkeerde data', '2026-10-05', '2026-10-01', null),
          ('A6', 'renew_contract', 'Sales', 'Volgend jaar', '2026-12-01', null, null)
        as t(action_id, step_id, team, title, s, e, target_metric)""");
    Dataset<Row> surveys = spark.sql("""
        select step_id, cast(at as timestamp) responded_at, satisfaction, nps, effort, 1.0D weight from values
          ('receive_invoice', '2026-10-01 10:00:00', 5.0D, 5L, 4.0D),
          ('receive_invoice', '2026-10-03 10:00:00', 6.0D, 7L, 4.0D),
          ('receive_invoice', '2026-10-07 23:00:00', 7.0D, 9L, 3.0D),
          ('receive_invoice', '2026-10-08 00:00:00', 7.0D, 9L, 2.0D),
          ('receive_invoice', '2026-10-10 10:00:00', 8.0D, 10L, 2.0D),
          ('receive_invoice', '2026-10-14 23:59:59', 9.0D, 10L, 1.0D),
          ('receive_invoice', '2026-10-15 00:00:00', 1.0D, 0L, 7.0D),
          ('receive_invoice', '2026-09-30 23:59:59', 1.0D, 0L, 7.0D),
          ('use_product', '2026-10-02 10:00:00', 6.0D, 8L, 3.0D),
          ('use_product', '2026-10-04 10:00:00', 7.0D, 8L, 3.0D),
          ('use_product', '2026-10-06 10:00:00', 8.0D, 8L, 2.0D),
          ('use_product', '2026-10-09 10:00:00', 6.0D, 8L, 3.0D),
          ('use_product', '2026-10-11 10:00:00', 7.0D, 8L, 3.0D),
          ('use_product', '2026-10-13 10:00:00', 8.0D, 8L, 2.0D),
          ('change_details', '2026-10-02 10:00:00', 4.0D, 5L, 5.0D),
          ('change_details', '2026-10-04 10:00:00', 5.0D, 6L, 5.0D),
          ('change_details', '2026-10-06 10:00:00', 6.0D, 7L, 4.0D),
          ('change_details', '2026-10-09 10:00:00', 5.0D, 6L, 5.0D),
          ('change_details', '2026-10-11 10:00:00', 6.0D, 7L, 4.0D),
          ('change_details', '2026-10-13 10:00:00', 7.0D, 8L, 4.0D),
          ('move_house', '2026-10-02 10:00:00', 1.0D, 0L, 7.0D),
          ('move_house', '2026-10-03 10:00:00', 2.0D, 0L, 7.0D),
          ('move_house', '2026-10-11 10:00:00', 10.0D, 10L, 1.0D),
          ('move_house', '2026-10-12 10:00:00', 9.0D, 10L, 1.0D)
        as t(step_id, at, satisfaction, nps, effort)""");
    Dataset<Row> contactDays = spark.sql("""
        select step_id, 'phone' channel, 'question' contact_type, cast(null as string) reason, cast(d as date) day,
          contacts, cost_eur from values
          ('receive_invoice', '2026-10-02', 30L, 120.0D),
          ('receive_invoice', '2026-10-09', 15L, 60.0D),
          ('use_product', '2026-10-03', 20L, 80.0D),
          ('use_product', '2026-10-12', 20L, 80.0D),
          ('change_details', '2026-10-05', 10L, 40.0D),
          ('change_details', '2026-10-13', 12L, 48.0D),
          ('move_house', '2026-10-05', 10L, 40.0D),
          ('move_house', '2026-10-13', 1L, 4.0D),
          (cast(null as string), '2026-10-09', 99L, 99.0D)
        as t(step_id, d, contacts, cost_eur)""");
    Dataset<Row> volumes = spark.sql("""
        select step_id, cast(d as date) date, volume from values
          ('receive_invoice', '2026-10-01', 400L), ('receive_invoice', '2026-10-07', 600L),
          ('receive_invoice', '2026-10-08', 1000L), ('receive_invoice', '2026-10-15', 5000L),
          ('use_product', '2026-10-01', 1000L), ('use_product', '2026-10-14', 1000L),
          ('change_details', '2026-10-04', 500L), ('change_details', '2026-10-12', 500L),
          ('move_house', '2026-10-04', 500L), ('move_house', '2026-10-12', 500L)
        as t(step_id, d, volume)""");
    Dataset<Row> table = ActionEffects.compute(actions, surveys, contactDays, volumes, RUN_DATE, config);
    assertEquals(ActionEffectsTable.SCHEMA, table.schema());
    Map<String, Row> rows = new HashMap<>();
    for (Row r : table.collectAsList()) {
      rows.put(r.getAs("action_id") + "/" + r.getAs("metric"), r);
    }
    assertEquals(6 * 6, rows.size(), "one row per action and metric");
    return rows;
  }

  private static double d(Row r, String column) {
    return ((Number) r.getAs(column)).doubleValue();
  }

  @Test
  void satisfactionEffectIsTheDifferenceInDifferences() {
    Row r = run("en").get("A1/satisfaction");
    assertEquals(Date.valueOf("2026-10-01"), r.getAs("pre_start"));
    assertEquals(Date.valueOf("2026-10-07"), r.getAs("pre_end"));
    assertEquals(Date.valueOf("2026-10-08"), r.getAs("post_start"));
    assertEquals(Date.valueOf("2026-10-14"), r.getAs("post_end"));
    assertEquals(3L, (long) r.getAs("pre_n"), "the days just outside the periods do not count");
    assertEquals(3L, (long) r.getAs("post_n"));
    assertEquals(6.0, d(r, "pre_value"), 1e-12);
    assertEquals(8.0, d(r, "post_value"), 1e-12);
    assertEquals(2.0, d(r, "change"), 1e-12);
    assertEquals(Math.sqrt(2.0 / 3), d(r, "change_se"), 1e-12);
    assertEquals("use_product,change_details", r.getAs("comparison_steps"));
    assertEquals(2, (int) r.getAs("comparison_count"));
    assertEquals(0.5, d(r, "comparison_change"), 1e-12);
    assertEquals(1.5, d(r, "did"), 1e-12);
    assertEquals(1.0, d(r, "did_se"), 1e-12);
    assertEquals(1.5 - 1.959963984540054, d(r, "did_ci_low"), 1e-9);
    assertEquals(1.5 + 1.959963984540054, d(r, "did_ci_high"), 1e-9);
    // 2 * pnorm(-1.5)
    assertEquals(0.13361440253771617, d(r, "did_p_value"), 1e-12);
    assertEquals("OK", r.getAs("status"));
    assertTrue((boolean) r.getAs("is_target"));
    assertEquals("A3", r.getAs("overlapping_actions"), "A3 ran on the same step during A1's periods");
  }

  @Test
  void contactEffectsAndTheEuroEffectPerMonth() {
    Map<String, Row> rows = run("en");
    Row contacts = rows.get("A1/contacts_per_1000");
    assertEquals(30.0, d(contacts, "pre_value"), 1e-12);
    assertEquals(15.0, d(contacts, "post_value"), 1e-12);
    assertEquals(30L, (long) contacts.getAs("pre_n"), "contacts, for a contact metric");
    assertEquals(1000L, (long) contacts.getAs("post_passes"));
    assertEquals(-17.0, d(contacts, "did"), 1e-9);
    // 1e6 (30/1000² + 15/1000²) + (1e6 (20/1000² + 20/1000²) + 1e6 (10/500² + 12/500²)) / 4
    assertEquals(Math.sqrt(45 + (40 + 88) / 4.0), d(contacts, "did_se"), 1e-9);
    assertNull(contacts.getAs("euro_per_month"));
    Row cost = rows.get("A1/contact_cost");
    assertEquals(-68.0, d(cost, "did"), 1e-9);
    assertEquals(-68.0 * 1000 / 7 * (365.25 / 12) / 1000, d(cost, "euro_per_month"), 1e-9);
    assertTrue(d(cost, "euro_per_month_ci_low") < d(cost, "euro_per_month"));
    assertEquals("Nieuwe factuuruitleg (team Billing, I receive my invoice): satisfaction +1.50 vs comparison steps"
        + " (95 % CI −0.46 to +3.46), contacts −17.0 per 1,000 passes (n.s.), ≈ €296 less per month (n.s.);"
        + " measured together with A3 (a shared effect, not to be added up)", cost.getAs("sentence"));
  }

  @Test
  void statusesSayWhyThereIsNoEffect() {
    Map<String, Row> rows = run("nl");
    Row retention = rows.get("A1/retention_intent");
    assertEquals("INSUFFICIENT_DATA", retention.getAs("status"));
    assertEquals("0 responses in the pre-period; at least 2 (actions.min_responses) needed",
        retention.getAs("status_reason"));
    Row measuring = rows.get("A4/contacts_per_1000");
    assertEquals("MEASURING", measuring.getAs("status"));
    assertEquals("the post-period runs until 2026-10-24; 3 of its 7 days observed; so far no process volumes (passes)"
        + " in the post-period", measuring.getAs("status_reason"));
    assertEquals(3, (int) measuring.getAs("post_days_observed"));
    Row badDates = rows.get("A5/satisfaction");
    assertEquals("INSUFFICIENT_DATA", badDates.getAs("status"));
    assertTrue(((String) badDates.getAs("status_reason")).startsWith("ended_on 2026-10-01 is before started_on"));
    Row planned = rows.get("A6/satisfaction");
    assertEquals("MEASURING", planned.getAs("status"));
    assertEquals("the post-period starts on 2026-12-01, after the run date", planned.getAs("status_reason"));
    assertEquals("Volgend jaar (team Sales, Ik verleng mijn contract): wordt gemeten vanaf 2026-12-01",
        planned.getAs("sentence"));
    Row a2 = rows.get("A2/contacts_per_1000");
    // receive_invoice had A1 and A3 during A2's periods (3–16 October); use_product had no passes in the pre-period
    assertEquals("change_details", a2.getAs("comparison_steps"));
    assertEquals("OK", a2.getAs("status"));
    assertNull(a2.getAs("overlapping_actions"));
    assertTrue(((String) rows.get("A1/satisfaction").getAs("sentence")).startsWith(
        "Nieuwe factuuruitleg (team Billing, Ik ontvang mijn factuur): tevredenheid +1,50 t.o.v."
            + " vergelijkingsstappen (95%-BI −0,46 tot +3,46)"));
  }

  @Test
  void withoutActionsTheTableIsEmptyWithItsSchema() {
    Dataset<Row> empty = ActionEffects.empty(spark);
    assertEquals(ActionEffectsTable.SCHEMA, empty.schema());
    assertEquals(0, empty.count());
    assertEquals(List.of(), ActionEffects.estimate(List.of(), null, null, null, RUN_DATE, TestConfigs.defaults()));
    assertEquals(ContactDays.DAY, "day");
  }
}
