package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

class PoissonBootstrapTest {

  /** 200,000 draws against Poisson(1): mean, variance and the share of each count to 3 sd. */
  @Test
  void countsArePoissonOne() {
    int n = 200_000;
    long[] histogram = new long[14];
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      int c = PoissonBootstrap.count(7, i * 0x9E3779B97F4A7C15L, i % 200);
      histogram[c]++;
      sum += c;
      sumSq += (double) c * c;
    }
    double mean = sum / n;
    assertEquals(1, mean, 4 * Math.sqrt(1.0 / n), "mean 1");
    assertEquals(1, sumSq / n - mean * mean, 0.02, "variance 1");
    PoissonDistribution poisson = new PoissonDistribution(1);
    for (int c = 0; c <= 4; c++) {
      double p = poisson.probability(c);
      assertEquals(p, (double) histogram[c] / n, 3 * Math.sqrt(p * (1 - p) / n) + 1e-4, "P(" + c + ")");
    }
  }

  @Test
  void countsOfOneResponseAreIndependentAcrossReplicatesAndSeeds() {
    // Correlation of two replicates' counts over many responses is near zero.
    int n = 100_000;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (PoissonBootstrap.count(1, i, 3) - 1.0) * (PoissonBootstrap.count(1, i, 4) - 1.0);
    }
    assertEquals(0, sxy / n, 0.015);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
      differ += PoissonBootstrap.count(1, i, 0) != PoissonBootstrap.count(2, i, 0) ? 1 : 0;
    }
    assertTrue(differ > 400, "another seed draws other counts: " + differ);
    assertEquals(PoissonBootstrap.count(1, 12345, 17), PoissonBootstrap.count(1, 12345, 17), "a hash, not a stream");
  }

  @Test
  void noiseIsStandardNormal() {
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    int beyond196 = 0;
    for (int i = 0; i < n; i++) {
      double z = PoissonBootstrap.noise(5, i);
      sum += z;
      sumSq += z * z;
      beyond196 += Math.abs(z) > 1.959964 ? 1 : 0;
    }
    assertEquals(0, sum / n, 0.01);
    assertEquals(1, sumSq / n, 0.01);
    assertEquals(0.05, (double) beyond196 / n, 0.0025);
    assertNotEquals(PoissonBootstrap.noise(5, 1), PoissonBootstrap.noise(6, 1));
  }

  /**
   * The replicate sums give the moments of the rows added with weight c·w, c the Poisson count of
   * the row's bucket in the replicate, whatever the split into partitions.
   */
  @Test
  void replicateSumsGiveTheMomentsOfTheResampledRows() {
    Random rnd = new Random(11);
    double[][] rows = StatsFixtures.randomRows(rnd, 2000, 3, 1e4);
    double[] w = StatsFixtures.randomWeights(rnd, 2000);
    double[] centre = {rows[0][0] + 3, rows[0][1] - 2, rows[0][2], rows[0][3] + 1};
    ReplicateSums first = new ReplicateSums(4);
    ReplicateSums second = new ReplicateSums(4);
    double[] d = new double[4];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < 4; j++) {
        d[j] = rows[i][j] - centre[j];
      }
      (i % 3 == 0 ? first : second).add(d, w[i], ReplicateSums.bucket(9, i));
    }
    ReplicateSums.Counts counts = new ReplicateSums.Counts(9, 5);
    ReplicateSums.Drawn secondAlone = second.draw(counts);
    ReplicateSums merged = second.merge(first);
    ReplicateSums.Drawn drawn = merged.draw(counts);
    // The rest of a part (a segment's complement) is the whole's replicates minus the part's.
    ReplicateSums.Drawn firstAlone = drawn.minus(secondAlone);
    for (int r = 0; r < 5; r++) {
      Moments rest = firstAlone.moments(r, centre);
      Moments direct = first.draw(counts).moments(r, centre);
      assertEquals(direct.count(), rest.count());
      assertEquals(direct.comoment(1, 2), rest.comoment(1, 2), 1e-9 * direct.comoment(1, 1));
    }
    for (int r = 0; r < 5; r++) {
      Moments expected = new Moments(4);
      long count = 0;
      for (int i = 0; i < rows.length; i++) {
        int c = PoissonBootstrap.count(9, ReplicateSums.bucket(9, i), r);
        for (int k = 0; k < c; k++) {
          expected.add(rows[i], w[i]);
        }
        count += c;
      }
      Moments actual = drawn.moments(r, centre);
      assertEquals(count, actual.count());
      assertEquals(expected.weightSum(), actual.weightSum(), 1e-9 * expected.weightSum());
      for (int i = 0; i < 4; i++) {
        assertEquals(expected.mean(i), actual.mean(i), 1e-9, "mean " + i);
        for (int j = i; j < 4; j++) {
          assertEquals(expected.comoment(i, j), actual.comoment(i, j), 1e-8 * expected.comoment(i, i),
              "co-moment " + i + "," + j);
        }
      }
    }
  }

  @Test
  void bucketsAreEvenlyFilled() {
    int[] filled = new int[ReplicateSums.BUCKETS];
    int n = 256_000;
    for (int i = 0; i < n; i++) {
      filled[ReplicateSums.bucket(3, "r-".hashCode() * 31L + i)]++;
    }
    for (int f : filled) {
      assertEquals(1000, f, 5 * Math.sqrt(1000), "about n / buckets each");
    }
  }

  /** R: p.adjust(c(0.01, 0.04, 0.03, 0.2, 0.5, 0.012), "BH"). */
  @Test
  void benjaminiHochbergMatchesR() {
    double[] adjusted = ImportanceIntervals.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.2, 0.5, 0.012});
    assertArrayEquals(new double[] {0.036, 0.06, 0.06, 0.24, 0.5, 0.036}, adjusted, 1e-15);
  }

  /** R: quantile(c(3.1, 0.2, 5.5, 1.7, 2.2, 9.9, 4.4), c(0.025, 0.975)) (type 7). */
  @Test
  void percentilesAreRsDefaultQuantiles() {
    double[] sorted = {0.2, 1.7, 2.2, 3.1, 4.4, 5.5, 9.9};
    assertEquals(0.42499999999999988, ImportanceIntervals.quantile(sorted, 0.025), 1e-14);
    assertEquals(9.23999999999999844, ImportanceIntervals.quantile(sorted, 0.975), 1e-14);
  }

  /** A driver without effect is not flagged; a strong one is; a noise-level one is never above 1. */
  @Test
  void onlyRealDriversBeatNoise() {
    Random rnd = new Random(5);
    int n = 400;
    List<Moments> replicates = new ArrayList<>();
    double[][] rows = new double[n][4];
    for (int i = 0; i < n; i++) {
      double x1 = rnd.nextGaussian();
      double x2 = rnd.nextGaussian();
      rows[i] = new double[] {0.7 * x1 + rnd.nextGaussian(), x1, x2, PoissonBootstrap.noise(3, i)};
    }
    for (int r = 0; r < 200; r++) {
      Moments m = new Moments(4);
      for (int i = 0; i < n; i++) {
        int c = PoissonBootstrap.count(3, i, r);
        if (c > 0) {
          m.add(rows[i], c);
        }
      }
      replicates.add(m);
    }
    for (ImportanceBasis basis : List.of(ImportanceBasis.SHAPLEY, ImportanceBasis.RELATIVE_WEIGHTS)) {
      ImportanceIntervals intervals = ImportanceIntervals.of(replicates, basis);
      assertEquals(200, intervals.replicates());
      assertTrue(intervals.beatsNoise(0), basis + ": x1 beats noise");
      assertTrue(!intervals.beatsNoise(1), basis + ": x2 (no effect) does not");
      assertEquals(1, intervals.rank()[0][1], "x1 always first");
      assertTrue(intervals.importancePct()[0][0] > 80, "x1 carries almost all of R²");
    }
  }
}
