package io.signalchain.drivers.stats;

import static io.signalchain.drivers.stats.StatsFixtures.ATTITUDE;
import static io.signalchain.drivers.stats.StatsFixtures.ATTITUDE_DRIVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class WeightedOlsTest {

  /** Relative difference, so tolerances read as significant digits. */
  private static void assertRelative(double expected, double actual, double tol, String what) {
    assertEquals(expected, actual, tol * Math.abs(expected), what);
  }

  @Test
  void attitudeMatchesPublishedLmOutput() {
    Moments m = StatsFixtures.moments(ATTITUDE, null);
    assertEquals(64.63333333, m.mean(0), 1e-8);
    assertEquals(66.6, m.mean(1), 1e-12);
    RegressionFit fit = WeightedOls.fit(m, ATTITUDE_DRIVERS, 10, 1);
    assertEquals(ModelStatus.OK, fit.status());
    assertEquals(30, fit.n());
    assertEquals(23, fit.residualDf());

    // summary(lm(rating ~ ., attitude)), 7 published digits, matched to 6 significant digits.
    double sig6 = 5e-6;
    Estimate complaints = fit.drivers().get(0).coefficient();
    assertRelative(0.6131876, complaints.value(), sig6, "complaints");
    assertRelative(0.1609831, complaints.stdError(), sig6, "complaints SE");
    assertRelative(0.3203321, fit.drivers().get(2).coefficient().value(), sig6, "learning");
    assertRelative(10.78708, fit.intercept().value(), sig6, "intercept");
    // p values as printed by R (3 significant digits).
    assertEquals(0.000903, complaints.pValue(), 0.0000005);
    assertEquals(0.361634, fit.intercept().pValue(), 0.0000005);
    assertEquals(0.069925, fit.drivers().get(2).coefficient().pValue(), 0.0000005);
    assertEquals(0.7326, fit.r2(), 0.00005);
    assertEquals(0.6628, fit.adjR2(), 0.00005);
    assertEquals(10.50, fit.fStatistic(), 0.005);
    assertEquals(6, fit.fDf1());
    assertEquals(23, fit.fDf2());
    assertEquals(1.24e-05, fit.fPValue(), 0.005e-05);
    assertEquals(7.068, fit.residualStandardError(), 0.0005);
    // confint(): complaints 0.2801687 .. 0.9462066 (b ± qt(.975, 23) se).
    assertEquals(0.6131876 - 2.068658 * 0.1609831, complaints.ciLower(), 1e-6);
    assertEquals(0.6131876 + 2.068658 * 0.1609831, complaints.ciUpper(), 1e-6);
    // Standardized beta = b · sd_x / sd_y (weights 1: ordinary sample sds).
    double sdy = Math.sqrt(m.comoment(0, 0));
    double sdx = Math.sqrt(m.comoment(1, 1));
    assertEquals(0.6131876 * sdx / sdy, fit.drivers().get(0).stdBeta(), 1e-6);
  }

  @Test
  void vifIsDiagonalOfInverseDriverCorrelation() {
    Moments m = StatsFixtures.moments(ATTITUDE, null);
    RegressionFit fit = WeightedOls.fit(m, ATTITUDE_DRIVERS, 10, 1);
    double[][] r = m.correlationMatrix();
    double[][] rxx = new double[6][6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        rxx[i][j] = r[i + 1][j + 1];
      }
    }
    var inverse = MatrixUtils.inverse(
        MatrixUtils.createRealMatrix(rxx));
    for (int j = 0; j < 6; j++) {
      assertEquals(inverse.getEntry(j, j), fit.drivers().get(j).vif(), 1e-10);
    }
  }

  @Test
  void weightedFitMatchesIndependentQrFitAlsoWithOffsetOf1e6() {
    Random rnd = new Random(42);
    int n = 400;
    int k = 5;
    double[] w = StatsFixtures.randomWeights(rnd, n);
    long seed = rnd.nextLong();
    double[][] plain = StatsFixtures.randomRows(new Random(seed), n, k, 0);
    double[][] offset = StatsFixtures.randomRows(new Random(seed), n, k, 1e6);
    List<String> names = List.of("a", "b", "c", "d", "e");
    RegressionFit fitPlain = WeightedOls.fit(StatsFixtures.moments(plain, w), names, 30, 1);
    RegressionFit fitOffset = WeightedOls.fit(StatsFixtures.moments(offset, w), names, 30, 1);
    StatsFixtures.Reference ref = new StatsFixtures.Reference(plain, w, new int[] {1, 2, 3, 4, 5});

    assertEquals(ModelStatus.OK, fitPlain.status());
    assertRelative(ref.r2, fitPlain.r2(), 1e-10, "R2");
    assertRelative(ref.beta[0], fitPlain.intercept().value(), 1e-9, "intercept");
    assertRelative(ref.se[0], fitPlain.intercept().stdError(), 1e-9, "intercept SE");
    for (int j = 0; j < k; j++) {
      assertRelative(ref.beta[j + 1], fitPlain.drivers().get(j).coefficient().value(), 1e-9, "b");
      assertRelative(ref.se[j + 1], fitPlain.drivers().get(j).coefficient().stdError(), 1e-9,
          "se");
    }
    // The offset moves only the intercept; slopes, SEs and R² must survive the 1e6 offset
    // (the rounding of adding 1e6 itself perturbs values by ~1e-10, hence 1e-7).
    assertRelative(fitPlain.r2(), fitOffset.r2(), 1e-7, "R2 offset");
    for (int j = 0; j < k; j++) {
      Estimate p = fitPlain.drivers().get(j).coefficient();
      Estimate o = fitOffset.drivers().get(j).coefficient();
      assertRelative(p.value(), o.value(), 1e-6, "b offset");
      assertRelative(p.stdError(), o.stdError(), 1e-6, "se offset");
    }
    StatsFixtures.Reference refOffset =
        new StatsFixtures.Reference(offset, w, new int[] {1, 2, 3, 4, 5});
    assertRelative(refOffset.beta[0], fitOffset.intercept().value(), 1e-5, "intercept offset");
    assertRelative(refOffset.se[0], fitOffset.intercept().stdError(), 1e-5, "intercept SE off");
  }

  @Test
  void constantDriverIsDroppedAndNoted() {
    double[][] rows = copyAttitude();
    for (double[] row : rows) {
      row[4] = 7; // raises constant
    }
    RegressionFit fit =
        WeightedOls.fit(StatsFixtures.moments(rows, null), ATTITUDE_DRIVERS, 10, 1);
    assertEquals(ModelStatus.OK, fit.status());
    assertEquals(DriverStatus.DROPPED_CONSTANT, fit.drivers().get(3).status());
    assertTrue(Double.isNaN(fit.drivers().get(3).coefficient().value()));
    assertTrue(fit.explanation().contains("raises (constant)"), fit.explanation());
    assertEquals(5, fit.includedDrivers());
    assertEquals(5, fit.fDf1());
    assertEquals(24, fit.residualDf());
    // Same as fitting without the column.
    StatsFixtures.Reference ref = new StatsFixtures.Reference(rows, ones(30),
        new int[] {1, 2, 3, 5, 6});
    assertRelative(ref.beta[1], fit.drivers().get(0).coefficient().value(), 1e-9, "b");
    assertRelative(ref.se[5], fit.drivers().get(5).coefficient().stdError(), 1e-9, "se");
  }

  @Test
  void linearCombinationOfEarlierDriversIsAliasedLikeR() {
    // Append total = complaints + learning after the six drivers: R gives it NA.
    double[][] rows = new double[30][];
    for (int i = 0; i < 30; i++) {
      rows[i] = Arrays.copyOf(ATTITUDE[i], 8);
      rows[i][7] = ATTITUDE[i][1] + ATTITUDE[i][3];
    }
    List<String> names = new ArrayList<>(ATTITUDE_DRIVERS);
    names.add("total");
    RegressionFit fit = WeightedOls.fit(StatsFixtures.moments(rows, null), names, 10, 1);
    assertEquals(ModelStatus.OK, fit.status());
    assertEquals(DriverStatus.DROPPED_ALIASED, fit.drivers().get(6).status());
    assertTrue(fit.explanation().contains("total (aliased)"), fit.explanation());
    assertRelative(0.6131876, fit.drivers().get(0).coefficient().value(), 5e-6, "complaints");
    assertEquals(0.7326, fit.r2(), 0.00005);

    // Listed first, the combination stays and the last of its parts (learning) is dropped.
    double[][] reordered = new double[30][];
    for (int i = 0; i < 30; i++) {
      reordered[i] = new double[] {rows[i][0], rows[i][7], rows[i][1], rows[i][2], rows[i][3],
          rows[i][4], rows[i][5], rows[i][6]};
    }
    List<String> reorderedNames = new ArrayList<>();
    reorderedNames.add("total");
    reorderedNames.addAll(ATTITUDE_DRIVERS);
    RegressionFit fit2 =
        WeightedOls.fit(StatsFixtures.moments(reordered, null), reorderedNames, 10, 1);
    assertEquals(DriverStatus.INCLUDED, fit2.drivers().get(0).status());
    assertEquals(DriverStatus.INCLUDED, fit2.drivers().get(1).status());
    assertEquals(DriverStatus.DROPPED_ALIASED, fit2.drivers().get(3).status());
    assertEquals(0.7326, fit2.r2(), 0.00005);
  }

  @Test
  void tooFewResponsesUsesConfiguredMinimumAndTenPerDriver() {
    Moments m = StatsFixtures.moments(ATTITUDE, null);
    RegressionFit configured = WeightedOls.fit(m, ATTITUDE_DRIVERS, 31, 1);
    assertEquals(ModelStatus.TOO_FEW_RESPONSES, configured.status());
    assertTrue(configured.explanation().contains("31 needed"), configured.explanation());
    assertTrue(Double.isNaN(configured.r2()));
    assertTrue(Double.isNaN(configured.drivers().get(0).coefficient().value()));
    // 30 responses, 6 drivers: the analysis needs 60 whatever the configured minimum.
    RegressionFit perDriver = WeightedOls.fit(m, ATTITUDE_DRIVERS, 5, 10);
    assertEquals(ModelStatus.TOO_FEW_RESPONSES, perDriver.status());
    assertTrue(perDriver.explanation().contains("60 needed"), perDriver.explanation());
    // Counted on the drivers that remain: with only two drivers left, 30 is enough.
    double[][] rows = copyAttitude();
    for (double[] row : rows) {
      Arrays.fill(row, 3, 7, 1);
    }
    RegressionFit remaining = WeightedOls.fit(StatsFixtures.moments(rows, null),
        ATTITUDE_DRIVERS, 5, 10);
    assertEquals(ModelStatus.OK, remaining.status());
    assertEquals(2, remaining.includedDrivers());
  }

  @Test
  void noDriversAndNoData() {
    Moments onlyOutcome = new Moments(1).add(new double[] {3}, 1).add(new double[] {4}, 1);
    RegressionFit none = WeightedOls.fit(onlyOutcome, List.of(), 1, 1);
    assertEquals(ModelStatus.NO_DRIVERS, none.status());

    RegressionFit empty = WeightedOls.fit(new Moments(3), List.of("a", "b"), 1, 1);
    assertEquals(ModelStatus.NO_DATA, empty.status());
    Moments zeroWeights = new Moments(3).add(new double[] {1, 2, 3}, 0);
    assertEquals(ModelStatus.NO_DATA, WeightedOls.fit(zeroWeights, List.of("a", "b"), 1, 1).status());

    double[][] rows = copyAttitude();
    for (double[] row : rows) {
      Arrays.fill(row, 1, 7, 5);
    }
    RegressionFit allConstant =
        WeightedOls.fit(StatsFixtures.moments(rows, null), ATTITUDE_DRIVERS, 1, 1);
    assertEquals(ModelStatus.NO_DRIVERS, allConstant.status());
    assertTrue(allConstant.explanation().contains("Every driver was dropped"));
  }

  private static double[][] copyAttitude() {
    double[][] rows = new double[30][];
    for (int i = 0; i < 30; i++) {
      rows[i] = ATTITUDE[i].clone();
    }
    return rows;
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }
}
