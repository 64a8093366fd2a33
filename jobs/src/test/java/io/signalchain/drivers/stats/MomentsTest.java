package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MomentsTest {

  @Test
  void addOrderAndMergeSplitsDoNotMatter() {
    Random rnd = new Random(7);
    int n = 500;
    double[][] rows = StatsFixtures.randomRows(rnd, n, 4, 1e6);
    double[] w = StatsFixtures.randomWeights(rnd, n);
    Moments sequential = StatsFixtures.moments(rows, w);

    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, rnd);
    Moments shuffled = new Moments(5);
    order.forEach(i -> shuffled.add(rows[i], w[i]));
    assertClose(sequential, shuffled, 1e-9);

    // Uneven splits merged pairwise, including an empty part and a single row.
    int[] cuts = {0, 0, 1, 37, 250, 251, 500};
    Moments merged = new Moments(5);
    List<Moments> parts = new ArrayList<>();
    for (int c = 0; c + 1 < cuts.length; c++) {
      Moments part = new Moments(5);
      for (int i = cuts[c]; i < cuts[c + 1]; i++) {
        part.add(rows[order.get(i)], w[order.get(i)]);
      }
      parts.add(part);
    }
    merged.merge(parts.get(3).merge(parts.get(4))).merge(parts.get(0)).merge(parts.get(1))
        .merge(parts.get(5)).merge(parts.get(2));
    assertClose(sequential, merged, 1e-9);
  }

  @Test
  void comomentsSurviveAnOffsetOf1e6() {
    Random rnd = new Random(3);
    int n = 1000;
    long seed = rnd.nextLong();
    double[] w = StatsFixtures.randomWeights(rnd, n);
    Moments plain = StatsFixtures.moments(StatsFixtures.randomRows(new Random(seed), n, 3, 0), w);
    Moments offset =
        StatsFixtures.moments(StatsFixtures.randomRows(new Random(seed), n, 3, 1e6), w);
    for (int i = 0; i < 4; i++) {
      assertEquals(plain.mean(i) + 1e6, offset.mean(i), 1e-8);
      for (int j = 0; j < 4; j++) {
        // Values rounded to the 1e6 grid (ulp 1.2e-10) limit agreement to ~1e-9 relative.
        assertEquals(plain.comoment(i, j), offset.comoment(i, j),
            1e-8 * Math.sqrt(plain.comoment(i, i) * plain.comoment(j, j)));
      }
    }
  }

  @Test
  void matchesTwoPassWeightedStatistics() {
    double[][] rows = {{1, 2}, {3, 5}, {4, 4}, {8, 1}};
    double[] w = {1, 0.5, 2, 0};
    Moments m = StatsFixtures.moments(rows, w);
    assertEquals(3, m.count());
    assertEquals(3.5, m.weightSum(), 0);
    double mx = (1 + 1.5 + 8) / 3.5;
    double my = (2 + 2.5 + 8) / 3.5;
    assertEquals(mx, m.mean(0), 1e-15);
    double cxy = 1 * (1 - mx) * (2 - my) + 0.5 * (3 - mx) * (5 - my) + 2 * (4 - mx) * (4 - my);
    assertEquals(cxy, m.comoment(0, 1), 1e-14);
    assertEquals(cxy, m.comoment(1, 0), 1e-14);
  }

  @Test
  void selectKeepsTheChosenVariablesInOrder() {
    Moments m = StatsFixtures.moments(StatsFixtures.ATTITUDE, null);
    Moments s = m.select(new int[] {0, 3, 1});
    assertEquals(30, s.count());
    assertEquals(m.mean(3), s.mean(1), 0);
    assertEquals(m.comoment(3, 1), s.comoment(1, 2), 0);
    assertEquals(m.comoment(0, 0), s.comoment(0, 0), 0);
  }

  @Test
  void rejectsNegativeWeightsAndMissingValues() {
    Moments m = new Moments(2);
    assertThrows(IllegalArgumentException.class, () -> m.add(new double[] {1, 2}, -1));
    assertThrows(IllegalArgumentException.class, () -> m.add(new double[] {1, Double.NaN}, 1));
    assertThrows(IllegalArgumentException.class, () -> m.add(new double[] {1}, 1));
  }

  private static void assertClose(Moments expected, Moments actual, double tol) {
    assertEquals(expected.count(), actual.count());
    assertEquals(expected.weightSum(), actual.weightSum(), 1e-12 * expected.weightSum());
    int p = expected.variables();
    for (int i = 0; i < p; i++) {
      assertEquals(expected.mean(i), actual.mean(i), 1e-12 * Math.abs(expected.mean(i)));
      for (int j = 0; j < p; j++) {
        double scale = Math.sqrt(expected.comoment(i, i) * expected.comoment(j, j));
        assertEquals(expected.comoment(i, j), actual.comoment(i, j), tol * scale);
      }
    }
  }
}
