package io.signalchain.followups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.FollowUpSettings;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The worklist on a hand-built fixture in the customer_timeline schema, with the default
 * settings: lookback 14 days, cooldown 30, repeat contacts within 7 days, satisfaction ≤ 4,
 * effort ≥ 6; points complaint 3, detractor 2, repeat_contact 2, low_satisfaction 1,
 * high_effort 1; due in 7 days from priority 0, 3 days from 3, 1 day from 5.
 *
 * <p>Night 1 is 2026-10-31 (lookback 10-18 … 10-31), night 2 is 2026-11-04 (10-22 … 11-04).
 */
class FollowUpsTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private static final FollowUpSettings SETTINGS = CONFIG.followUp();
  private static final LocalDate NIGHT_1 = LocalDate.parse("2026-10-31");
  private static final LocalDate NIGHT_2 = LocalDate.parse("2026-11-04");
  private static final int KEEP_CLOSED = 90;
  private static Dataset<Row> night1;
  private static Dataset<Row> night2;
  private final SparkSession spark = SharedSpark.session();

  /** customer, type, id, at, step, channel, satisfaction, nps, effort, contact_type. */
  private static final String NIGHT_1_SIGNALS = """
      ('A', 'survey_response', 'R-A1', '2026-10-30 09:00:00', 'pay.reminder', 'phone', 3.0D, 2, 6.0D, null),
      ('B', 'contact', 'C-B1', '2026-10-20 10:00:00', 'report_fault', 'phone', null, null, null, 'complaint'),
      ('B', 'contact', 'C-B2', '2026-10-25 10:00:00', 'report_fault', 'chat', null, null, null, 'question'),
      ('C', 'contact', 'C-C1', '2026-10-10 10:00:00', 'move_house', 'phone', null, null, null, 'question'),
      ('C', 'contact', 'C-C2', '2026-10-19 10:00:00', 'move_house', 'phone', null, null, null, 'question'),
      ('C', 'contact', 'C-C3', '2026-10-28 10:00:00', 'unclassified', 'phone', null, null, null, 'question'),
      ('C', 'contact', 'C-C4', '2026-10-29 10:00:00', 'unclassified', 'phone', null, null, null, 'question'),
      ('D', 'survey_response', 'R-D1', '2026-10-29 12:00:00', 'move_house', 'app_web', 8.0D, 7, 2.0D, null),
      ('E', 'survey_response', 'R-E1', '2026-10-10 12:00:00', 'pay', 'phone', 2.0D, 5, 7.0D, null),
      (null, 'contact', 'C-X1', '2026-10-30 12:00:00', 'pay', 'phone', null, null, null, 'complaint'),
      ('G', 'survey_response', 'R-G1', '2026-11-01 12:00:00', 'renew_contract', 'email', 2.0D, 0, 3.0D, null),
      ('H', 'survey_response', 'R-H1', '2026-10-31 23:59:00', 'complain', 'phone', 7.0D, 6, 3.0D, null),
      ('I', 'survey_response', 'R-I1', '2026-10-22 08:00:00', 'use_product', 'chat', 4.0D, 8, 5.0D, null)
      """;

  @Test
  void nightOneListsEveryCustomerWithAReasonAndEveryReasonThatApplies() {
    Map<String, Row> list = byCustomer(night1());
    // The outcome dated after the run date is not judged yet.
    assertTrue(FollowUps.unmatchedOutcomes(outcomes("('FU-later', '2026-12-01 10:00:00', 'x')"), night1(), NIGHT_1,
        KEEP_CLOSED).isEmpty());
    // A: nps 2 (detractor 2) + satisfaction 3 ≤ 4 (1) + effort 6 ≥ 6 (1) = 4 → due 3 days after 10-31
    // B: C-B1 complaint (3) + C-B2 five days after C-B1 about report_fault (repeat_contact 2) = 5 → 1 day
    // H: nps 6 is still a detractor (2) → 7 days; I: satisfaction 4 is at the threshold (1) → 7 days
    // Not listed: C (9 days between move_house contacts; unclassified ones are about no step),
    // D (no reason), E (before the lookback), the contact without a customer, G (after the run date).
    assertEquals(List.of("A", "B", "H", "I"), List.copyOf(list.keySet()));
    assertFollowUp(list.get("A"), "pay.reminder", "billing", List.of("detractor", "high_effort", "low_satisfaction"),
        4, "2026-11-03", List.of("R-A1"));
    assertFollowUp(list.get("B"), "report_fault", "field_service", List.of("complaint", "repeat_contact"), 5,
        "2026-11-01", List.of("C-B1", "C-B2"));
    assertFollowUp(list.get("H"), "complain", "customer_service", List.of("detractor"), 2, "2026-11-07",
        List.of("R-H1"));
    assertFollowUp(list.get("I"), "use_product", "product", List.of("low_satisfaction"), 1, "2026-11-07",
        List.of("R-I1"));
    for (Row r : list.values()) {
      assertEquals("open", r.getAs("status"));
      assertEquals(Date.valueOf(NIGHT_1), r.getAs("opened_on"));
      assertFalse(r.<Boolean>getAs("overdue"));
      String id = r.getAs("follow_up_id");
      assertTrue(id.matches("FU-[0-9a-f]{16}"), id);
      assertFalse(id.contains(r.<String>getAs("customer_id")));
    }
    // The last three signals, newest first, scores without free text.
    assertEquals("2026-10-25 report_fault chat question | 2026-10-20 report_fault phone complaint",
        list.get("B").getAs("summary"));
    assertEquals("2026-10-30 pay.reminder phone satisfaction 3, nps 2, effort 6", list.get("A").getAs("summary"));
  }

  @Test
  void theNextNightUpdatesWithinTheCooldownClosesByOutcomeAndListsCorrectedRows() {
    Dataset<Row> second = night2();
    Map<String, Row> list = byCustomer(second);
    // A's complaint of 11-01 joins A's open follow-up (opened 4 days ago < 30): one row, 4 + 3 = 7 → due 10-31 + 1,
    // overdue on 11-04. R-A1 is in the lookback again but already on the follow-up: not counted twice.
    assertEquals(List.of("A", "B", "D", "G", "H", "I"), List.copyOf(list.keySet()));
    Row a = list.get("A");
    assertFollowUp(a, "pay.reminder", "billing", List.of("complaint", "detractor", "high_effort",
        "low_satisfaction"), 7, "2026-11-01", List.of("R-A1", "C-A2"));
    assertEquals(Date.valueOf(NIGHT_1), a.getAs("opened_on"));
    assertEquals(Date.valueOf(NIGHT_2), a.getAs("updated_on"));
    assertTrue(a.<Boolean>getAs("overdue"));
    assertEquals(night1().filter("customer_id = 'A'").first().getAs("follow_up_id"),
        a.<String>getAs("follow_up_id"), "the same follow-up, updated");
    // B closed by its outcome; H's outcome is dated before H was opened, and FU-unknown is on no follow-up.
    Row b = list.get("B");
    assertEquals("closed", b.getAs("status"));
    assertEquals("called back", b.getAs("outcome"));
    assertFalse(b.<Boolean>getAs("overdue"));
    assertEquals("open", list.get("H").getAs("status"));
    List<String> reasons = FollowUps.unmatchedOutcomes(night2Outcomes(), second, NIGHT_2, KEEP_CLOSED)
        .orderBy("reason").collectAsList().stream()
        .map(r -> r.<String>getAs("reason")).toList();
    assertEquals(List.of("closed_at 2026-10-30T12:00:00 is before the follow-up was opened on 2026-10-31",
        "unknown follow_up_id 'FU-unknown': not on the follow-up worklist of 2026-11-04"), reasons);
    // D's answer was corrected from nps 7 to 3 (same signal id): now a detractor, listed tonight.
    assertFollowUp(list.get("D"), "move_house", "customer_service", List.of("detractor"), 2, "2026-11-11",
        List.of("R-D1"));
    assertTrue(list.get("D").<String>getAs("summary").contains("nps 3"));
    // G's answer of 11-01 (after night 1) opens a follow-up now: detractor 2 + low_satisfaction 1 = 3 → 3 days.
    assertFollowUp(list.get("G"), "renew_contract", "retention", List.of("detractor", "low_satisfaction"), 3,
        "2026-11-07", List.of("R-G1"));
    assertEquals(Date.valueOf(NIGHT_2), list.get("G").getAs("opened_on"));
  }

  @Test
  void afterTheCooldownACustomerIsListedAgain() {
    FollowUpSettings shortCooldown = new FollowUpSettings(SETTINGS.lookbackDays(), 2, SETTINGS.repeatDays(),
        SETTINGS.satisfactionAtMost(), SETTINGS.effortAtLeast(), SETTINGS.points(), SETTINGS.dueDays());
    List<Row> a = night2(night1(), shortCooldown).filter("customer_id = 'A'")
        .orderBy("opened_on").collectAsList();
    // A's follow-up was opened 4 days before night 2, beyond the 2-day cooldown: the complaint opens a second one.
    assertEquals(2, a.size());
    assertEquals(List.of("R-A1"), a.get(0).getList(a.get(0).fieldIndex("signal_ids")));
    assertEquals(List.of("C-A2"), a.get(1).getList(a.get(1).fieldIndex("signal_ids")));
    assertEquals(List.of("complaint"), a.get(1).getList(a.get(1).fieldIndex("reasons")));
  }

  @Test
  void aRerunOfADateGivesTheSameWorklist() {
    assertEquals(sorted(night2()), sorted(night2(night1(), SETTINGS)));
  }

  @Test
  void aSkippedNightLosesNothing() {
    // Straight to night 2 without night 1: every signal of the lookback (10-22 … 11-04) is judged.
    // B's complaint of 10-20 is before it; B's repeat contact of 10-25 still counts (C-B1 is in repeat reach).
    Map<String, Row> list = byCustomer(night2(null, SETTINGS));
    assertEquals(List.of("A", "B", "D", "G", "H", "I"), List.copyOf(list.keySet()));
    assertEquals(List.of("repeat_contact"), list.get("B").getList(list.get("B").fieldIndex("reasons")));
    assertEquals(List.of("R-A1", "C-A2"), list.get("A").getList(list.get("A").fieldIndex("signal_ids")));
  }

  @Test
  void priorityAndDueDaysFollowTheSettings() {
    Map<Integer, Integer> dueDays = new TreeMap<>(Map.of(0, 7, 3, 3, 5, 1));
    assertEquals(dueDays, SETTINGS.dueDays());
    assertEquals(7, SETTINGS.dueDays(0));
    assertEquals(7, SETTINGS.dueDays(2));
    assertEquals(3, SETTINGS.dueDays(4));
    assertEquals(1, SETTINGS.dueDays(12));
    assertEquals(4.0, SETTINGS.satisfactionAtMost());
    assertEquals(6.0, SETTINGS.effortAtLeast());
  }

  /** Night 1, computed once and cut from its plan, as the next run reads it from the table. */
  private Dataset<Row> night1() {
    synchronized (FollowUpsTest.class) {
      if (night1 == null) {
        Dataset<Row> later = outcomes("('FU-later', '2026-12-01 10:00:00', 'x')");
        night1 = FollowUps.worklist(signals(NIGHT_1_SIGNALS), null, later, CONFIG.journey(), SETTINGS, KEEP_CLOSED,
            NIGHT_1).localCheckpoint();
      }
      return night1;
    }
  }

  /** Night 2 after night 1 with the default settings, computed once. */
  private Dataset<Row> night2() {
    synchronized (FollowUpsTest.class) {
      if (night2 == null) {
        night2 = night2(night1(), SETTINGS);
      }
      return night2;
    }
  }

  /** Night 2: a complaint of A, D's answer corrected (nps 7 → 3). */
  private Dataset<Row> night2(Dataset<Row> previous, FollowUpSettings settings) {
    String signals = NIGHT_1_SIGNALS.replace("8.0D, 7, 2.0D", "8.0D, 3, 2.0D") + """
        , ('A', 'contact', 'C-A2', '2026-11-01 11:00:00', 'pay.reminder', 'phone', null, null, null, 'complaint')
        """;
    return FollowUps.worklist(signals(signals), previous, night2Outcomes(), CONFIG.journey(), settings, KEEP_CLOSED,
        NIGHT_2).localCheckpoint();
  }

  /** B closed on 11-02; H "closed" on 10-30, before it was opened; an id that is on no follow-up. */
  private Dataset<Row> night2Outcomes() {
    return outcomes("('" + idOf("B") + "', '2026-11-02 15:00:00', 'called back'), "
        + "('" + idOf("H") + "', '2026-10-30 12:00:00', 'called back'), "
        + "('FU-unknown', '2026-11-03 09:00:00', 'resolved')");
  }

  private String idOf(String customer) {
    return night1().filter("customer_id = '" + customer + "'").first().getAs("follow_up_id");
  }

  private Dataset<Row> signals(String values) {
    return spark.sql("select customer_id, signal_type, signal_id, cast(signal_at as timestamp) signal_at, step_id, "
        + "channel, satisfaction, nps, effort, contact_type, cast(null as string) reason, "
        + "cast(null as double) cost_eur, sha2(signal_id, 256) signal_hash, date'2026-11-04' updated_run_date "
        + "from values " + values + " as t(customer_id, signal_type, signal_id, signal_at, step_id, channel, "
        + "satisfaction, nps, effort, contact_type)");
  }

  private Dataset<Row> outcomes(String values) {
    return spark.sql("select follow_up_id, cast(closed_at as timestamp) closed_at, outcome from values " + values
        + " as t(follow_up_id, closed_at, outcome)");
  }

  private static Map<String, Row> byCustomer(Dataset<Row> worklist) {
    return worklist.collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("customer_id"), r -> r,
        (x, y) -> {
          throw new AssertionError("customer listed twice: " + x);
        }, TreeMap::new));
  }

  private static List<String> sorted(Dataset<Row> worklist) {
    return worklist.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static void assertFollowUp(Row r, String step, String team, List<String> reasons, int priority, String due,
      List<String> signalIds) {
    String who = "follow-up of " + r.getAs("customer_id");
    assertEquals(step, r.getAs("step_id"), who);
    assertEquals(team, r.getAs("owner_team"), who);
    assertEquals(reasons, r.getList(r.fieldIndex("reasons")), who);
    assertEquals(priority, r.<Integer>getAs("priority"), who);
    assertEquals(Date.valueOf(due), r.getAs("due_date"), who);
    assertEquals(signalIds, r.getList(r.fieldIndex("signal_ids")), who);
    if (!"closed".equals(r.getAs("status"))) {
      assertNull(r.getAs("closed_at"), who);
    }
  }
}
