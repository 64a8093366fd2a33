package io.signalchain.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Scorecards on hand-built tables of one run. The shipped journey: billing owns receive_invoice,
 * pay, pay.direct_debit and pay.reminder; collections owns pay.arrangement (a sub-step of billing's
 * pay). Targets: pay 7.0 (targets.per_step), every other step 7.5.
 */
class TeamScorecardsTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-10-31");
  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> stepKpis() {
    // pay counts its sub-steps' signals (as step_kpis does); pay.arrangement belongs to collections
    return spark.sql("""
        select * from values
          ('receive_invoice',  10L, 10.0D, 8.0D,  20.0D, 3.0D, 20L,  2L, 100.0D, 50.0D),
          ('pay',              30L, 20.0D, 6.5D, -10.0D, 3.5D, 50L, 10L, 300.0D, 80.0D),
          ('pay.direct_debit', 10L,  5.0D, 7.5D,   0.0D, 2.0D, 10L,  1L,  60.0D, 20.0D),
          ('pay.reminder',     10L,  5.0D, 6.0D, -30.0D, 4.0D, 20L,  5L, 120.0D, 90.0D),
          ('pay.arrangement',  10L, 10.0D, 6.0D, -20.0D, 4.5D, 20L,  4L, 120.0D, 70.0D),
          ('unclassified',      0L, null,  null,   null, null,  9L,  0L,  45.0D, null)
        as t(step_id, responses, weight_sum, satisfaction_mean, nps, effort_mean, contacts, complaints,
          contact_cost_eur, contacts_per_1000)""");
  }

  private Dataset<Row> kpiAlerts() {
    return spark.sql("""
        select * from values
          ('pay', 'week', '2026-W43', 'satisfaction', 'previous', -0.6D, true, true),
          ('pay', 'week', '2026-W43', 'satisfaction', 'baseline', -0.4D, true, true),
          ('pay', 'month', '2026-10', 'satisfaction', 'previous', -0.2D, false, false),
          ('pay', 'week', '2026-W43', 'nps', 'previous', -5.0D, false, false),
          ('pay.reminder', 'week', '2026-W43', 'satisfaction', 'previous', null, null, false),
          ('receive_invoice', 'week', '2026-W43', 'satisfaction', 'previous', 0.3D, false, false)
        as t(step_id, period_type, period, metric, comparison, difference, significant, alert)""");
  }

  private Dataset<Row> driverImportance() {
    return spark.sql("""
        select * from values
          ('pay', 'clarity', 40.0D, 'PRIORITY_TO_IMPROVE'),
          ('pay', 'speed', 25.0D, 'PRIORITY_TO_IMPROVE'),
          ('pay', 'ease', 50.0D, 'KEY_STRENGTH'),
          ('pay', 'price', 30.0D, 'PRIORITY_TO_IMPROVE'),
          ('pay', 'friendliness', 5.0D, 'PRIORITY_TO_IMPROVE'),
          ('receive_invoice', 'ease', 60.0D, 'KEY_STRENGTH')
        as t(step_id, driver, importance_pct, quadrant)""");
  }

  private Dataset<Row> contactReasons() {
    return spark.sql("""
        select * from values
          ('pay', 'herinnering', 20L, 0.4D, 1),
          ('pay', 'incasso mislukt', 10L, 0.2D, 2),
          ('pay', 'regeling', 8L, 0.16D, 3),
          ('pay', 'anders', 5L, 0.1D, 4)
        as t(step_id, reason, contacts, share, reason_rank)""");
  }

  private Dataset<Row> channelMix() {
    // pay: 10 phone contacts to shift × €6.50 = 65, −10 chat × €2.50 = −25 → 40;
    // receive_invoice: 2 × 6.50 = 13, −1 × 4.00 = −4 → 9; pay.reminder 1 × 6.50 (inside pay)
    return spark.sql("""
        select * from values
          ('pay', 'phone', 65.0D), ('pay', 'chat', -25.0D),
          ('receive_invoice', 'phone', 13.0D), ('receive_invoice', 'email', -4.0D),
          ('pay.reminder', 'phone', 6.5D)
        as t(step_id, channel, savings_eur)""");
  }

  /** follow_ups in the agreed schema; overdue = open and due before the run date 2026-10-31. */
  private Dataset<Row> followUps() {
    return spark.sql("""
        select date'2026-10-31' as run_date, 'r1' as run_id, follow_up_id, customer_id, step_id, owner_team,
          status, date'2026-10-01' as opened_on, due_date, cast(null as timestamp) as closed_at,
          cast(null as string) as outcome, array('detractor') as reasons, 1 as priority
        from values
          ('f1', 'K1', 'pay.reminder',    'billing',     'open',   date'2026-10-30'),
          ('f2', 'K2', 'pay.reminder',    'billing',     'open',   date'2026-11-02'),
          ('f3', 'K3', 'pay',             'billing',     'closed', date'2026-10-01'),
          ('f4', 'K4', 'receive_invoice', 'billing',     'open',   date'2026-10-31'),
          ('f5', 'K5', 'pay.arrangement', 'collections', 'open',   date'2026-10-20')
        as t(follow_up_id, customer_id, step_id, owner_team, status, due_date)""");
  }

  private Map<String, Row> scorecards(Dataset<Row> followUps) {
    List<Row> rows = TeamScorecards.compute(stepKpis(), kpiAlerts(), driverImportance(), contactReasons(),
        channelMix(), followUps, RUN_DATE, CONFIG).collectAsList();
    // 20 owned steps and 7 teams (onboarding, product, billing, collections, customer_service,
    // field_service, retention); unclassified has no owner
    assertEquals(20 + 7, rows.size());
    return rows.stream().collect(Collectors.toMap(r -> r.getAs("row_type").equals(ScorecardRow.TEAM.key())
        ? "team " + r.getAs("owner_team") : r.getAs("step_id"), Function.identity()));
  }

  @Test
  void stepRowsCarryTheirKpisAgainstTargetChangesDriversReasonsAndSavings() {
    Map<String, Row> rows = scorecards(followUps());
    Row pay = rows.get("pay");
    assertEquals("billing", pay.getAs("owner_team"));
    assertEquals(1, pay.<Integer>getAs("steps"));
    assertEquals(7.0, pay.<Double>getAs("satisfaction_target"));
    assertEquals(-0.5, pay.<Double>getAs("satisfaction_gap"), 1e-12, "6.5 − 7.0");
    assertEquals(1, pay.<Integer>getAs("steps_below_target"));
    // the week's previous-period row, not the month's or the baseline's
    assertEquals("2026-W43", pay.getAs("change_period"));
    assertEquals(-0.6, pay.<Double>getAs("satisfaction_change"), 1e-12);
    assertEquals(Boolean.TRUE, pay.getAs("satisfaction_change_significant"));
    assertEquals(2L, pay.<Long>getAs("alerts"), "previous and baseline alerts of the week");
    // improve: clarity 40, price 30, speed 25, friendliness 5 (ease 50 is a strength)
    assertEquals("clarity", pay.getAs("top_driver_to_improve"));
    assertEquals(40.0, pay.<Double>getAs("top_driver_importance_pct"));
    assertEquals("clarity, price, speed", pay.getAs("drivers_to_improve"));
    assertEquals("herinnering", pay.getAs("top_contact_reason"));
    assertEquals(20L, pay.<Long>getAs("top_contact_reason_contacts"));
    assertEquals(0.4, pay.<Double>getAs("top_contact_reason_share"));
    assertEquals("herinnering, incasso mislukt, regeling", pay.getAs("top_contact_reasons"));
    assertEquals(40.0, pay.<Double>getAs("channel_savings_eur"), 1e-12, "65 − 25");
    // pay's own closed f3, and its sub-steps': f1 (overdue), f2 and collections' f5 (overdue)
    assertEquals(3L, pay.<Long>getAs("open_follow_ups"));
    assertEquals(2L, pay.<Long>getAs("overdue_follow_ups"));

    Row directDebit = rows.get("pay.direct_debit");
    assertEquals(0.0, directDebit.<Double>getAs("satisfaction_gap"), 1e-12, "7.5 on target 7.5");
    assertEquals(0, directDebit.<Integer>getAs("steps_below_target"), "on target is not below it");
    assertEquals(0L, directDebit.<Long>getAs("open_follow_ups"));

    Row reminder = rows.get("pay.reminder");
    assertEquals("2026-W43", reminder.getAs("change_period"));
    assertNull(reminder.getAs("satisfaction_change"), "not tested: too few responses");
    assertNull(reminder.getAs("satisfaction_change_significant"));
    assertEquals(0L, reminder.<Long>getAs("alerts"));
    assertEquals(2L, reminder.<Long>getAs("open_follow_ups"));
    assertEquals(1L, reminder.<Long>getAs("overdue_follow_ups"), "due 10-30; 11-02 is not overdue");

    Row invoice = rows.get("receive_invoice");
    assertEquals(Boolean.FALSE, invoice.getAs("satisfaction_change_significant"));
    assertNull(invoice.getAs("top_driver_to_improve"), "no driver to improve");
    assertNull(invoice.getAs("top_contact_reason"), "no reasons");
    assertEquals(9.0, invoice.<Double>getAs("channel_savings_eur"), 1e-12, "13 − 4");
    assertEquals(0L, invoice.<Long>getAs("overdue_follow_ups"), "due on the run date is not overdue");

    Row onboarding = rows.get("become_customer.apply");
    assertEquals("onboarding", onboarding.getAs("owner_team"), "a sub-step inherits its parent's owner");
    assertNull(onboarding.getAs("responses"), "no step_kpis row");
  }

  @Test
  void aTeamRowAddsUpItsStepsOnceEach() {
    Map<String, Row> rows = scorecards(followUps());
    Row billing = rows.get("team billing");
    assertNull(billing.getAs("step_id"));
    assertEquals(4, billing.<Integer>getAs("steps"));
    // pay.direct_debit and pay.reminder are inside pay's figures: receive_invoice + pay only
    assertEquals(10L + 30L, billing.<Long>getAs("responses"));
    assertEquals(20L + 50L, billing.<Long>getAs("contacts"));
    assertEquals(2L + 10L, billing.<Long>getAs("complaints"));
    assertEquals(100.0 + 300.0, billing.<Double>getAs("contact_cost_eur"), 1e-9);
    // (10 × 8.0 + 20 × 6.5) / (10 + 20) = 210 / 30 = 7.0
    assertEquals(7.0, billing.<Double>getAs("satisfaction_mean"), 1e-12);
    assertNull(billing.getAs("satisfaction_target"), "a target is per step");
    // pay 6.5 < 7.0 and pay.reminder 6.0 < 7.5; receive_invoice 8.0 and pay.direct_debit 7.5 are not
    assertEquals(2, billing.<Integer>getAs("steps_below_target"));
    assertEquals(2L, billing.<Long>getAs("alerts"));
    assertEquals(9.0 + 40.0, billing.<Double>getAs("channel_savings_eur"), 1e-9, "without pay.reminder's 6.5");
    assertNull(billing.getAs("top_driver_to_improve"), "drivers and reasons are per step");
    // by owner_team: f1, f2, f4 open, f1 overdue (f5 is collections')
    assertEquals(3L, billing.<Long>getAs("open_follow_ups"));
    assertEquals(1L, billing.<Long>getAs("overdue_follow_ups"));

    Row collections = rows.get("team collections");
    // pay.arrangement counts for collections although billing's pay holds it too
    assertEquals(1, collections.<Integer>getAs("steps"));
    assertEquals(10L, collections.<Long>getAs("responses"));
    assertEquals(6.0, collections.<Double>getAs("satisfaction_mean"), 1e-12);
    assertEquals(1, collections.<Integer>getAs("steps_below_target"), "6.0 < 7.5");
    assertEquals(1L, collections.<Long>getAs("open_follow_ups"));
    assertEquals(1L, collections.<Long>getAs("overdue_follow_ups"));

    Row retention = rows.get("team retention");
    assertNull(retention.getAs("satisfaction_mean"), "no data on its steps");
    assertEquals(0L, retention.<Long>getAs("open_follow_ups"), "follow-ups known: none");
  }

  @Test
  void withoutFollowUpsTheirCountsAreNull() {
    Map<String, Row> rows = scorecards(null);
    for (Row r : rows.values()) {
      assertNull(r.getAs("open_follow_ups"), String.valueOf(r));
      assertNull(r.getAs("overdue_follow_ups"), String.valueOf(r));
    }
    assertEquals(2L, rows.get("pay").<Long>getAs("alerts"), "the rest is unchanged");
  }
}
