package io.signalchain.priority;

import static io.signalchain.testing.DataFrameAssertions.assertApproximatelyEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Priorities on hand-made step KPIs, default settings: target satisfaction 7.5 (pay's own 7.0), weights
 * experience .4, euro .4, impact .2, top 3, needed thresholds 200 contacts per 1,000 passes and
 * 35% complaints. Four top-level steps, two of them lacking signals, and two tied sub-steps of pay.
 */
class StepPriorityTest {
  /** The hand-computed expectations use weights experience 0.4, euro 0.4, impact 0.2. */
  private static final SignalchainConfig WEIGHTS_4_4_2 = TestConfigs.defaults(Map.of(
      "priority.weights.experience", "0.4", "priority.weights.euro", "0.4", "priority.weights.impact", "0.2",
      "targets.per_step.pay", "7.0"));

  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> stepKpis() {
    return spark.sql("""
        select * from values
          ('pay',             10L, 6.5D, 40.0D, 100L, 20L,  1000.0D, 10000L, 10.0D),
          ('move_house',       5L, 5.5D, 20.0D, 300L, 150L, 3000.0D, 1000L,  300.0D),
          ('report_fault',     0L, cast(null as double), cast(null as double), 100L, 10L, 1000.0D, 9000L,
              100000.0D / 9000),
          ('complain',         4L, 8.0D, 50.0D, 0L,   0L,   0.0D,    0L,     cast(null as double)),
          ('pay.reminder',     2L, 6.5D, 40.0D, 50L,  10L,  500.0D,  5000L,  10.0D),
          ('pay.arrangement',  2L, 6.5D, 40.0D, 50L,  10L,  500.0D,  5000L,  10.0D)
        as t(step_id, responses, satisfaction_mean, satisfaction_top2_pct, contacts, complaints, contact_cost_eur,
             process_volume, contacts_per_1000)""");
  }

  @Test
  void scoresRanksAndFlagsMatchHandComputedValues() {
    Dataset<Row> priority = StepPriority.compute(stepKpis(), WEIGHTS_4_4_2);
    Dataset<Row> actual = priority.select("step_id", "ranked_set", "priority_rank", "is_top", "priority_score",
        "experience_score", "euro_score", "impact_score", "signals_missing", "complaint_rate", "needed_flag")
        .orderBy("ranked_set", "priority_rank");

    // experience: gaps of 0.5 (pay, to its own target 7.0), 2.0 (move_house, to 7.5), 0 (complain)
    // → shares 0.2, 0.8, 0; euro: 1000, 3000, 1000 of 5000; impact: 10000, 1000, 9000 of 20000
    Dataset<Row> expected = spark.createDataFrame(List.of(
        // sub-steps among their siblings: equal in everything, so the earlier step in the journey goes first
        RowFactory.create("pay.reminder", "pay", 1, true, 0.5, 0.5, 0.5, 0.5, null, 0.2, false),
        RowFactory.create("pay.arrangement", "pay", 2, true, 0.5, 0.5, 0.5, 0.5, null, 0.2, false),
        // .4·.8 + .4·.6 + .2·.05; 300 contacts per 1,000 passes and 50% complaints: both thresholds passed
        RowFactory.create("move_house", "top", 1, true, 0.32 + 0.24 + 0.01, 0.8, 0.6, 0.05, null, 0.5, true),
        // no survey: ranked on euro and impact, their weights re-scaled to sum to 1: (.4·.2 + .2·.45) / .6
        RowFactory.create("report_fault", "top", 2, true, (0.08 + 0.09) / 0.6, null, 0.2, 0.45, "experience", 0.1,
            false),
        // .4·.2 + .4·.2 + .2·.5 = 0.26 (with the global 7.5 it would be 1/3 and rank 2)
        RowFactory.create("pay", "top", 3, true, 0.08 + 0.08 + 0.1, 0.2, 0.2, 0.5, null, 0.2, false),
        // only the survey, and satisfied above target: score 0, last, not top
        RowFactory.create("complain", "top", 4, false, 0.0, 0.0, null, null, "euro, impact", null, false)),
        actual.schema());
    assertApproximatelyEqual(expected, actual, 1e-9);

    Map<String, Row> byStep = byStep(priority);
    assertEquals("contact cost €3.0k (rank 1 of 3); satisfaction 5.5 vs target 7.5 (rank 1 of 3); "
        + "1.0k passes (rank 3 of 3)", byStep.get("move_house").getAs("explanation"));
    // equal costs share a rank
    assertEquals("contact cost €1.0k (rank 2 of 3); satisfaction 6.5 vs target 7.0 (rank 2 of 3); "
        + "10k passes (rank 1 of 3)", byStep.get("pay").getAs("explanation"));
    assertEquals("contact cost €1.0k (rank 2 of 3); no survey responses; 9.0k passes (rank 2 of 3); "
        + "ranked on euros and impact only", byStep.get("report_fault").getAs("explanation"));
    assertEquals("no contacts; satisfaction 8.0 vs target 7.5 (rank 3 of 3); no process volume; "
        + "ranked on experience only", byStep.get("complain").getAs("explanation"));
    assertEquals("300 contacts per 1,000 passes (threshold 200); 50% of its contacts are complaints (threshold 35%)",
        byStep.get("move_house").getAs("needed_reason"));
    assertNull(byStep.get("pay").getAs("needed_reason"));
    assertEquals(4, (int) byStep.get("pay").getAs("ranked_set_size"));
    assertEquals(2, (int) byStep.get("pay.reminder").getAs("ranked_set_size"));
  }

  @Test
  void aStepWithOnlyUnweightedSignalsIsNotRanked() {
    var euroOnly = TestConfigs.defaults(Map.of("priority.weights.experience", "0", "priority.weights.impact", "0",
        "priority.top_n", "1"));
    Map<String, Row> byStep = byStep(StepPriority.compute(stepKpis(), euroOnly));
    // by cost alone: move_house; then pay and report_fault tie on cost and score, pay is earlier in the journey
    assertEquals(1, (int) byStep.get("move_house").getAs("priority_rank"));
    assertEquals(0.2, (double) byStep.get("pay").getAs("priority_score"), 1e-12);
    assertEquals(2, (int) byStep.get("pay").getAs("priority_rank"));
    assertEquals(3, (int) byStep.get("report_fault").getAs("priority_rank"));
    assertFalse((boolean) byStep.get("pay").getAs("is_top"), "top 1 only");
    Row complain = byStep.get("complain");
    assertNull(complain.getAs("priority_score"));
    assertEquals(4, (int) complain.getAs("priority_rank"));
    assertFalse((boolean) complain.getAs("is_top"));
    assertEquals("no contacts; satisfaction 8.0 vs target 7.5 (rank 3 of 3); no process volume; "
        + "not ranked: no signal with a weight", complain.getAs("explanation"));
  }

  @Test
  void theNotTop2ShareMeasureUsesTheShareOutsideTheTopTwo() {
    var notTop2 = TestConfigs.defaults(Map.of("priority.experience_measure", "not_top2_share",
        "priority.weights.experience", "0.4", "priority.weights.euro", "0.4", "priority.weights.impact", "0.2"));
    Map<String, Row> byStep = byStep(StepPriority.compute(stepKpis(), notTop2));
    // outside the top 2: .6 (pay), .8 (move_house), .5 (complain) of 1.9
    assertEquals(0.8 / 1.9, (double) byStep.get("move_house").getAs("experience_score"), 1e-12);
    assertEquals(0.8, (double) byStep.get("move_house").getAs("experience_value"), 1e-12);
    assertEquals("contact cost €3.0k (rank 1 of 3); satisfaction 5.5, 80% of answers outside the top 2 "
        + "(rank 1 of 3); 1.0k passes (rank 3 of 3)", byStep.get("move_house").getAs("explanation"));
  }

  @Test
  void amountsReadCompactly() {
    assertEquals("820", CompactAmount.of(820.4));
    assertEquals("1.0k", CompactAmount.of(999.6));
    assertEquals("4.5k", CompactAmount.of(4_520.0));
    assertEquals("410k", CompactAmount.of(410_300.0));
    assertEquals("1.0M", CompactAmount.of(999_700.0));
    assertEquals("€1.2M", CompactAmount.euros(1_234_567.0));
    assertEquals("-€45k", CompactAmount.euros(-45_000.0));
  }

  private static Map<String, Row> byStep(Dataset<Row> priority) {
    return priority.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("step_id"), r -> r));
  }
}
