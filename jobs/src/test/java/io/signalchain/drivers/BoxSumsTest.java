package io.signalchain.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalchain.drivers.stats.ImportanceBasis;
import io.signalchain.drivers.stats.Moments;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The box dummies' sparse sums give the moments a dense fold of every dummy gives. */
class BoxSumsTest {

  @ParameterizedTest
  @CsvSource({
      "2, 9", // the defaults' shape: a driver is in one box or none
      "6, 5", // overlapping boxes: a rating of 5 or 6 is in both
  })
  void sparseSumsEqualTheDenseMomentsOfTheDummies(double bottomBoxMax, double topBoxMin) {
    int k = 3;
    // outcome mean 7.2 as the plan's centre; ratings 1..10, weights 0.5..2
    ResamplePlan plan = new ResamplePlan(0b111, new int[] {0, 1, 2}, null, new double[] {7.2, 0, 0, 0, 0}, 0, 1,
        ImportanceBasis.SHAPLEY, bottomBoxMax, topBoxMin, false);
    BoxSums sparse = new BoxSums(plan);
    Moments dense = new Moments(2 * k + 1);
    SplittableRandom random = new SplittableRandom(3);
    double[] row = new double[2 * k + 1];
    for (int i = 0; i < 500; i++) {
      double[] x = new double[k];
      for (int j = 0; j < k; j++) {
        x[j] = 1 + random.nextInt(10);
      }
      double y = 1 + random.nextInt(10);
      double w = 0.5 + 1.5 * random.nextDouble();
      sparse.add(y, x, w);
      row[0] = y;
      for (int j = 0; j < k; j++) {
        row[1 + j] = x[j] <= bottomBoxMax ? 1 : 0;
        row[1 + k + j] = x[j] >= topBoxMin ? 1 : 0;
      }
      dense.add(row, w);
    }
    Moments actual = sparse.moments();
    assertEquals(dense.count(), actual.count());
    assertEquals(dense.weightSum(), actual.weightSum(), 1e-12 * dense.weightSum());
    for (int i = 0; i <= 2 * k; i++) {
      assertEquals(dense.mean(i), actual.mean(i), 1e-12, "mean " + i);
      for (int j = i; j <= 2 * k; j++) {
        assertEquals(dense.comoment(i, j), actual.comoment(i, j), 1e-10 * dense.weightSum(),
            "co-moment " + i + "," + j);
      }
    }
  }
}
