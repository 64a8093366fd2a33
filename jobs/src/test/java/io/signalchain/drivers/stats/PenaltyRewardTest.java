package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PenaltyRewardTest {
  static final List<String> DRIVERS = List.of("must_have", "delighter", "linear", "irrelevant");

  /**
   * 3,000 weighted responses, ratings 1–10 uniform, boxes 1–5 / 6–8 / 9–10: must_have costs 1.5
   * points in its bottom box, delighter adds 1.5 in its top box, linear moves 0.3 per point (so
   * −0.3·(mean bottom − mean middle) = 0.3·(3 − 7) = −1.2 in the bottom box, 0.3·(9.5 − 7) = +0.75
   * in the top), irrelevant nothing.
   */
  static double[][] rows(Random rnd, int n) {
    double[][] rows = new double[n][5];
    for (int i = 0; i < n; i++) {
      double[] x = new double[4];
      for (int j = 0; j < 4; j++) {
        x[j] = 1 + rnd.nextInt(10);
      }
      double y = 6 - (x[0] <= 5 ? 1.5 : 0) + (x[1] >= 9 ? 1.5 : 0) + 0.3 * (x[2] - 7) + rnd.nextGaussian();
      rows[i] = new double[] {y, x[0], x[1], x[2], x[3]};
    }
    return rows;
  }

  static double[][] dummies(double[][] rows) {
    double[][] d = new double[rows.length][9];
    for (int i = 0; i < rows.length; i++) {
      d[i][0] = rows[i][0];
      for (int j = 0; j < 4; j++) {
        d[i][1 + j] = rows[i][1 + j] <= 5 ? 1 : 0;
        d[i][5 + j] = rows[i][1 + j] >= 9 ? 1 : 0;
      }
    }
    return d;
  }

  @Test
  void plantedAsymmetriesAreClassified() {
    Random rnd = new Random(21);
    double[][] d = dummies(rows(rnd, 3000));
    double[] w = StatsFixtures.randomWeights(rnd, d.length);
    PenaltyReward.Result result = PenaltyReward.analyse(StatsFixtures.moments(d, w), DRIVERS, 30);
    var byDriver = result.drivers();
    assertEquals(AsymmetryClass.BASIC, byDriver.get(0).asymmetryClass());
    assertEquals(AsymmetryClass.EXCITEMENT, byDriver.get(1).asymmetryClass());
    assertEquals(AsymmetryClass.PERFORMANCE, byDriver.get(2).asymmetryClass());
    assertEquals(AsymmetryClass.NONE, byDriver.get(3).asymmetryClass());
    var mustHave = byDriver.get(0).penalty();
    assertTrue(mustHave.ciLower() < 1.5 && 1.5 < mustHave.ciUpper(), "planted penalty 1.5 in " + mustHave);
    var delighter = byDriver.get(1).reward();
    assertTrue(delighter.ciLower() < 1.5 && 1.5 < delighter.ciUpper(), "planted reward 1.5 in " + delighter);
    assertEquals(1.2, byDriver.get(2).penalty().value(), 0.15);
    assertEquals(0.75, byDriver.get(2).reward().value(), 0.15);
    assertEquals(0.5, byDriver.get(3).bottomShare(), 0.03, "ratings 1–5 of 1–10");
    assertEquals(0.2, byDriver.get(3).topShare(), 0.03, "ratings 9–10 of 1–10");
  }

  /** Penalty and reward are minus the bottom and the top dummy's coefficients of an independent QR fit. */
  @Test
  void matchesAnIndependentWeightedFitOnTheDummies() {
    Random rnd = new Random(4);
    double[][] d = dummies(rows(rnd, 800));
    double[] w = StatsFixtures.randomWeights(rnd, d.length);
    PenaltyReward.Result result = PenaltyReward.analyse(StatsFixtures.moments(d, w), DRIVERS, 30);
    var reference = new StatsFixtures.Reference(d, w, new int[] {1, 2, 3, 4, 5, 6, 7, 8});
    for (int j = 0; j < 4; j++) {
      var a = result.drivers().get(j);
      assertEquals(-reference.beta[1 + j], a.penalty().value(), 1e-9, "penalty " + j);
      assertEquals(reference.se[1 + j], a.penalty().stdError(), 1e-9, "penalty SE " + j);
      assertEquals(reference.beta[5 + j], a.reward().value(), 1e-9, "reward " + j);
      assertEquals(reference.se[5 + j], a.reward().stdError(), 1e-9, "reward SE " + j);
      assertTrue(a.penalty().ciLower() < a.penalty().value() && a.penalty().value() < a.penalty().ciUpper());
    }
  }

  @Test
  void anEmptyBoxLeavesTheDriverUnclassifiedAndSaysWhy() {
    Random rnd = new Random(8);
    double[][] d = dummies(rows(rnd, 600));
    for (double[] row : d) {
      row[5] = 0; // nobody rates must_have 9 or 10
    }
    PenaltyReward.Result result = PenaltyReward.analyse(StatsFixtures.moments(d, null), DRIVERS, 30);
    var mustHave = result.drivers().get(0);
    assertEquals(AsymmetryClass.NOT_CLASSIFIED, mustHave.asymmetryClass());
    assertTrue(mustHave.note().contains("top box"), mustHave.note());
    assertTrue(Double.isNaN(mustHave.reward().value()));
    assertEquals(AsymmetryClass.EXCITEMENT, result.drivers().get(1).asymmetryClass());
  }

  @Test
  void tooFewResponsesGiveNoModel() {
    Random rnd = new Random(9);
    double[][] d = dummies(rows(rnd, 60));
    PenaltyReward.Result result = PenaltyReward.analyse(StatsFixtures.moments(d, null), DRIVERS, 30);
    assertEquals(ModelStatus.TOO_FEW_RESPONSES, result.fit().status());
    assertTrue(result.drivers().stream().allMatch(a -> a.asymmetryClass() == AsymmetryClass.NOT_CLASSIFIED));
  }
}
