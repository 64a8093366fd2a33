package io.signalchain.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.generate.GenerateOptions;
import io.signalchain.generate.PlantedEffects;
import io.signalchain.generate.SampleGenerator;
import io.signalchain.input.InputContracts;
import io.signalchain.input.InputReader;
import io.signalchain.input.Validation;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.JourneyStepsTable;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring recovers what the generator plants, over several seeds: {@link
 * PlantedEffects#WORSENING_STEP} is {@link PlantedEffects#WORSENING_POINTS} satisfaction points
 * lower from week 43 of 2026 on, every other step (among them {@link PlantedEffects#STEADY_STEP})
 * keeps its level. Per seed a small organisation (12,000 responses over 9 weeks ending on
 * Saturday 2026-10-31, Parquet, no contacts) goes through the real input validation and {@link
 * Monitoring} (about 5 s a seed); the run date's last complete week is 2026-W43, tested against
 * its 8-week baseline. The planted step is alerted on every seed.
 *
 * <p>False alarms: every other leaf step's weekly satisfaction test against its baseline is a
 * test of a true null (disjoint responses, so independent across steps and seeds). A raw p below
 * 0.05 happens with probability 0.05 at most and q ≥ p, so the count of steps flagged
 * significant is at most Binomial(T, 0.05) for T tests; the test fails when the count reaches the
 * level that binomial reaches with probability below 0.001 (6 seeds × 17 steps = 102 tests: 14 or
 * more). The steady step is never alerted.
 */
class MonitoringRecoveryTest {
  private static final LocalDate END = LocalDate.parse("2026-10-31");
  private static final int SEEDS = 6;
  private static final double NOMINAL = 0.05;
  private final SparkSession spark = SharedSpark.session();

  /** Satisfaction is what is planted and tested: no contacts, no volumes. */
  private final Dataset<Row> noContacts = spark.sql("""
      select cast(null as string) step_id, cast(null as timestamp) contacted_at, cast(null as string) channel,
        cast(null as string) contact_type, cast(null as string) reason, cast(null as double) cost_eur
      where false""");
  private final Dataset<Row> noVolumes = spark.sql(
      "select cast(null as string) step_id, cast(null as date) date, cast(null as long) volume where false");

  @TempDir
  Path dir;

  private Dataset<Row> alerts(long seed) {
    Path out = dir.resolve("seed-" + seed);
    SampleGenerator.generate(spark, new GenerateOptions(out.toString(), 0.012, seed, "parquet", END, 63, 0));
    SignalchainConfig config = TestConfigs.defaults(Map.of(
        "inputs.survey_responses.path", out.resolve("survey_responses").toString(),
        "inputs.survey_responses.format", "parquet"));
    var contract = InputContracts.forInput(InputContracts.SURVEY_RESPONSES, config, END);
    Dataset<Row> surveys = Validation.validate(
        InputReader.read(spark, contract, config.input(InputContracts.SURVEY_RESPONSES)), contract).accepted();
    return Monitoring.compute(surveys, ContactDays.of(noContacts, config), noVolumes,
        JourneyStepsTable.units(config.journey()), END, config).alerts()
        .filter("period_type = 'week' and metric = 'satisfaction' and comparison = 'baseline'");
  }

  @Test
  void thePlantedWorseningIsFoundOnEverySeedAndSteadyStepsAlarmAtMostAtTheNominalRate() {
    int covered = 0;
    int tests = 0;
    int falseAlarms = 0;
    List<String> alarms = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      for (Row r : alerts(seed).collectAsList()) {
        String step = r.getAs("step_id");
        assertEquals("2026-W43", r.getAs("period"));
        if (step.equals(PlantedEffects.WORSENING_STEP)) {
          assertTrue((Boolean) r.getAs("alert") && (Boolean) r.getAs("significant") && (Boolean) r.getAs("worse"),
              "seed " + seed + ": the planted worsening is alerted: " + r);
          double low = r.getAs("ci_low");
          double high = r.getAs("ci_high");
          covered += low <= -PlantedEffects.WORSENING_POINTS && -PlantedEffects.WORSENING_POINTS <= high ? 1 : 0;
        } else if (PlantedEffects.STEPS.containsKey(step) && "ok".equals(r.getAs("status"))) {
          tests++;
          if ((Boolean) r.getAs("significant")) {
            falseAlarms++;
            alarms.add("seed " + seed + " " + step + " q " + r.getAs("q_value"));
          }
          if (step.equals(PlantedEffects.STEADY_STEP)) {
            assertTrue(!(Boolean) r.getAs("alert"), "seed " + seed + ": the steady step is not alerted: " + r);
          }
        }
      }
    }
    // Coverage of the 95 % interval: fewer than 4 of 6 has probability 0.002 under Binomial(6, 0.95).
    assertTrue(covered >= SEEDS - 2, "the interval held the planted drop in " + covered + " of " + SEEDS + " seeds");
    assertTrue(tests >= SEEDS * 12, "steady steps tested: " + tests);
    BinomialDistribution nullCount = new BinomialDistribution(tests, NOMINAL);
    int limit = nullCount.inverseCumulativeProbability(0.999) + 1;
    assertTrue(falseAlarms < limit, falseAlarms + " false alarms in " + tests + " tests (limit " + limit + "): "
        + alarms);
    System.out.printf("monitoring recovery: %d seeds, interval covered %d; %d false alarms in %d steady tests "
        + "(limit %d)%n", SEEDS, covered, falseAlarms, tests, limit);
  }
}
