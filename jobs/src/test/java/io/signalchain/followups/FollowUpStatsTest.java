package io.signalchain.followups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.signalchain.journey.AnalysisWindow;
import io.signalchain.testing.SharedSpark;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * follow_up_stats on a hand-built worklist, run date 2026-10-31 with a 90-day window (08-03 … 10-31).
 *
 * <pre>
 * id  team    step          opened  closed  days  answer before (sat)  next answer (sat)   group
 * F1  billing pay           10-01   10-03   2     09-30 (3)            10-10 (7)           after closing, improved
 * F2  billing pay           10-01   10-07   6     10-01 (4)            10-05 (3)           before closing, not improved
 * F3  billing pay           10-02   open          10-02 (2)            10-20 (5)           still open, improved
 * F4  billing pay           10-05   10-06   1     none (a complaint)   10-08 (9)           no answer before: not judged
 * F5  field   report_fault  10-03   10-13   10    10-03 (5)            10-15 (5)           after closing, not improved
 * F6  field   report_fault  07-01   07-02         before the window: not counted
 * </pre>
 * billing/pay: opened 4, closed 3 (rate 0.75), open 1 (overdue), median of 2, 6, 1 days = 2;
 * after closing 1 answered, 1 improved (1.0); before closing 2 answered (F2, F3), 1 improved (0.5):
 * difference (1.0 − 0.5) × 100 = 50 points. field/report_fault: 1 opened, 1 closed in 10 days; after
 * closing 1 answered, 0 improved (0.0); nobody answered before closing: share and difference null.
 */
class FollowUpStatsTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void statsPerTeamAndStepMatchTheHandComputedValues() {
    Dataset<Row> worklist = spark.sql("""
        select follow_up_id, customer_id, step_id, owner_team, status, cast(opened_on as date) opened_on,
          cast(null as date) due_date, overdue, cast(closed_at as timestamp) closed_at, outcome,
          array() reasons, 1 priority, signal_ids
        from values
          ('F1', 'K1', 'pay', 'billing', 'closed', '2026-10-01', false, '2026-10-03 12:00:00', 'called', array('S1')),
          ('F2', 'K2', 'pay', 'billing', 'closed', '2026-10-01', false, '2026-10-07 12:00:00', 'called', array('S2')),
          ('F3', 'K3', 'pay', 'billing', 'open', '2026-10-02', true, null, null, array('S3')),
          ('F4', 'K4', 'pay', 'billing', 'closed', '2026-10-05', false, '2026-10-06 09:00:00', 'called', array('C4')),
          ('F5', 'K5', 'report_fault', 'field', 'closed', '2026-10-03', false, '2026-10-13 09:00:00', 'x',
            array('S5')),
          ('F6', 'K6', 'report_fault', 'field', 'closed', '2026-07-01', false, '2026-07-02 09:00:00', 'x',
            array('S6'))
        as t(follow_up_id, customer_id, step_id, owner_team, status, opened_on, overdue, closed_at, outcome,
          signal_ids)""");
    Dataset<Row> signals = spark.sql("""
        select customer_id, signal_type, signal_id, cast(signal_at as timestamp) signal_at, satisfaction
        from values
          ('K1', 'survey_response', 'S1', '2026-09-30 10:00:00', 3.0D),
          ('K1', 'survey_response', 'N1', '2026-10-10 10:00:00', 7.0D),
          ('K1', 'survey_response', 'L1', '2026-10-20 10:00:00', 1.0D),
          ('K2', 'survey_response', 'S2', '2026-10-01 08:00:00', 4.0D),
          ('K2', 'survey_response', 'N2', '2026-10-05 10:00:00', 3.0D),
          ('K3', 'survey_response', 'S3', '2026-10-02 10:00:00', 2.0D),
          ('K3', 'survey_response', 'N3', '2026-10-20 10:00:00', 5.0D),
          ('K3', 'survey_response', 'A3', '2026-11-02 10:00:00', 1.0D),
          ('K4', 'contact', 'C4', '2026-10-04 10:00:00', null),
          ('K4', 'survey_response', 'N4', '2026-10-08 10:00:00', 9.0D),
          ('K5', 'survey_response', 'S5', '2026-10-03 07:00:00', 5.0D),
          ('K5', 'survey_response', 'N5', '2026-10-15 10:00:00', 5.0D)
        as t(customer_id, signal_type, signal_id, signal_at, satisfaction)""");

    List<Row> stats = FollowUpStats.compute(worklist, signals,
        AnalysisWindow.ending(LocalDate.parse("2026-10-31"), 90)).orderBy("owner_team", "step_id").collectAsList();

    assertEquals(2, stats.size());
    Row pay = stats.get(0);
    assertEquals(List.of("billing", "pay", 4L, 3L, 1L, 1L), List.of(pay.get(0), pay.get(1), pay.getAs("opened"),
        pay.getAs("closed"), pay.getAs("open"), pay.getAs("overdue")));
    assertEquals(0.75, pay.<Double>getAs("closure_rate"), 1e-12);
    assertEquals(2.0, pay.<Double>getAs("median_days_to_close"), 1e-12);
    assertEquals(1L, pay.<Long>getAs("followed_up_answered"));
    assertEquals(1.0, pay.<Double>getAs("followed_up_improved_share"), 1e-12);
    assertEquals(2L, pay.<Long>getAs("not_followed_up_answered"));
    assertEquals(0.5, pay.<Double>getAs("not_followed_up_improved_share"), 1e-12);
    assertEquals(50.0, pay.<Double>getAs("improved_share_difference_pp"), 1e-9);

    Row fault = stats.get(1);
    assertEquals(List.of("field", "report_fault", 1L, 1L, 0L, 0L), List.of(fault.get(0), fault.get(1),
        fault.getAs("opened"), fault.getAs("closed"), fault.getAs("open"), fault.getAs("overdue")));
    assertEquals(1.0, fault.<Double>getAs("closure_rate"), 1e-12);
    assertEquals(10.0, fault.<Double>getAs("median_days_to_close"), 1e-12);
    assertEquals(0.0, fault.<Double>getAs("followed_up_improved_share"), 1e-12);
    assertEquals(0L, fault.<Long>getAs("not_followed_up_answered"));
    assertNull(fault.getAs("not_followed_up_improved_share"));
    assertNull(fault.getAs("improved_share_difference_pp"));
  }
}
