package io.signalchain.drivers.stats;

import static io.signalchain.drivers.stats.StatsFixtures.ATTITUDE;
import static io.signalchain.drivers.stats.StatsFixtures.ATTITUDE_DRIVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverAnalysisTest {

  /** Attitude twice: n = 60 passes the 10-per-driver rule; coefficients, R² and shares are those
   * of attitude (duplicating rows changes only standard errors). */
  private static Moments attitudeTwice() {
    Moments m = StatsFixtures.moments(ATTITUDE, null);
    return m.merge(StatsFixtures.moments(ATTITUDE, null));
  }

  @Test
  void attitudeModelWithShapleyImportanceAndQuadrants() {
    DriverModel model =
        DriverAnalysis.analyse(attitudeTwice(), ATTITUDE_DRIVERS, DriverAnalysis.Settings.defaults());
    assertEquals(ModelStatus.OK, model.status());
    assertEquals(ImportanceBasis.SHAPLEY, model.importanceBasis());
    assertEquals(0.7326019925, model.regression().r2(), 1e-9);
    assertEquals(0.6131876, model.drivers().get(0).fit().coefficient().value(), 5e-6 * 0.6131876);

    double shapleySum = 0;
    double relativeSum = 0;
    double pctSum = 0;
    double meanPerformance = 0;
    for (DriverImportance d : model.drivers()) {
      shapleySum += d.shapley();
      relativeSum += d.relativeWeight();
      pctSum += d.importancePct();
      meanPerformance += d.performance() / 6;
    }
    assertEquals(0.7326019925, shapleySum, 1e-9);
    assertEquals(0.7326019925, relativeSum, 1e-9);
    assertEquals(100, pctSum, 1e-9);
    for (DriverImportance d : model.drivers()) {
      assertEquals(100 * d.shapley() / shapleySum, d.importancePct(), 1e-9);
      boolean important = d.importancePct() >= 100.0 / 6;
      boolean performing = d.performance() >= meanPerformance;
      Quadrant expected = important
          ? (performing ? Quadrant.KEY_STRENGTH : Quadrant.PRIORITY_TO_IMPROVE)
          : (performing ? Quadrant.SECONDARY_STRENGTH : Quadrant.LOW_PRIORITY);
      assertEquals(expected, d.quadrant(), d.driver());
    }
    // Complaints: 66.6 against a mean driver score of 59.7, and the largest share.
    DriverImportance complaints = model.drivers().get(0);
    assertEquals(66.6, complaints.performance(), 1e-12);
    assertEquals(Quadrant.KEY_STRENGTH, complaints.quadrant());
  }

  @Test
  void aboveTheShapleyMaximumImportanceComesFromRelativeWeights() {
    DriverModel model = DriverAnalysis.analyse(attitudeTwice(), ATTITUDE_DRIVERS,
        new DriverAnalysis.Settings(30, 5));
    assertEquals(ModelStatus.OK, model.status());
    assertEquals(ImportanceBasis.RELATIVE_WEIGHTS, model.importanceBasis());
    assertTrue(model.explanation().contains("Shapley decomposition skipped"), model.explanation());
    double relativeSum = 0;
    for (DriverImportance d : model.drivers()) {
      assertTrue(Double.isNaN(d.shapley()));
      relativeSum += d.relativeWeight();
    }
    for (DriverImportance d : model.drivers()) {
      assertEquals(100 * d.relativeWeight() / relativeSum, d.importancePct(), 1e-9);
    }
  }

  @Test
  void droppedDriversKeepTheirPerformanceButGetNoImportance() {
    List<String> names = new ArrayList<>(ATTITUDE_DRIVERS);
    names.add("total");
    Moments m = new Moments(8);
    for (int copy = 0; copy < 2; copy++) {
      for (double[] row : ATTITUDE) {
        double[] x = Arrays.copyOf(row, 8);
        x[7] = row[1] + row[3];
        m.add(x, 1);
      }
    }
    DriverModel model = DriverAnalysis.analyse(m, names, DriverAnalysis.Settings.defaults());
    assertEquals(ModelStatus.OK, model.status());
    DriverImportance total = model.drivers().get(6);
    assertEquals(DriverStatus.DROPPED_ALIASED, total.status());
    assertEquals(Quadrant.NOT_CLASSIFIED, total.quadrant());
    assertTrue(Double.isNaN(total.importancePct()));
    assertEquals(66.6 + 56.36666666666667, total.performance(), 1e-9);
    assertEquals(0.7326019925, model.regression().r2(), 1e-9);
  }

  @Test
  void unfittedModelsReportStatusAndNoImportance() {
    // 30 responses for 6 drivers: 60 needed.
    DriverModel tooFew = DriverAnalysis.analyse(StatsFixtures.moments(ATTITUDE, null),
        ATTITUDE_DRIVERS, DriverAnalysis.Settings.defaults());
    assertEquals(ModelStatus.TOO_FEW_RESPONSES, tooFew.status());
    assertEquals(ImportanceBasis.NONE, tooFew.importanceBasis());
    assertEquals(Quadrant.NOT_CLASSIFIED, tooFew.drivers().get(0).quadrant());
    assertEquals(66.6, tooFew.drivers().get(0).performance(), 1e-12);

    DriverModel noData = DriverAnalysis.analyse(new Moments(3), List.of("a", "b"),
        DriverAnalysis.Settings.defaults());
    assertEquals(ModelStatus.NO_DATA, noData.status());
    assertTrue(Double.isNaN(noData.drivers().get(0).performance()));

    assertThrows(IllegalArgumentException.class, () -> new DriverAnalysis.Settings(0, 20));
    assertThrows(IllegalArgumentException.class, () -> new DriverAnalysis.Settings(30, 27));
  }
}
