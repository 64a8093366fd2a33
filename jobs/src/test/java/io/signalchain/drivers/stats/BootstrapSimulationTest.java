package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validation by simulation of the importance bootstrap exactly as the driver stage runs it (hashed
 * buckets with Poisson counts, replicate moments, the hashed noise variable, percentile intervals,
 * BH), without Spark: over 200 seeds, the 95 % Shapley intervals cover the population Shapley
 * values of the planted drivers at least 90 % of the time, and a planted driver without effect is
 * said to beat noise in at most 10 % of the seeds.
 *
 * <p>Population: three correlated drivers x = 0.5·z + e (z, e standard normal, so var 1.25 and
 * covariance 0.25), a fourth independent driver without effect, y = 0.5 x1 + 0.3 x2 + 0.2 x3 + ε
 * with σ_ε = 1; survey weights uniform on [0.5, 2]; 200 replicates; 400 responses (about one or two
 * per bucket) and 5,000 (about 20 per bucket: the buckets' shared counts must not narrow the
 * intervals). The population Shapley values are the exact decomposition of the population
 * correlation matrix.
 */
class BootstrapSimulationTest {
  static final double[] BETA = {0.5, 0.3, 0.2, 0};
  static final int SEEDS = 200;
  static final int REPLICATES = 200;

  @ParameterizedTest
  @ValueSource(ints = {400, 5000})
  void intervalsCoverThePopulationAndNoiseIsRarelyFlagged(int n) {
    double[] population = populationShapley();
    int covered = 0;
    int planted = 0;
    int nullFlagged = 0;
    int plantedFlagged = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      ImportanceIntervals intervals = simulate(seed, n);
      for (int j = 0; j < 3; j++) {
        planted++;
        double[] ci = intervals.shapley()[j];
        covered += ci[0] <= population[j] && population[j] <= ci[1] ? 1 : 0;
        plantedFlagged += intervals.beatsNoise(j) ? 1 : 0;
      }
      nullFlagged += intervals.beatsNoise(3) ? 1 : 0;
    }
    double coverage = (double) covered / planted;
    double nullRate = (double) nullFlagged / SEEDS;
    System.out.printf(Locale.ROOT,
        "n %d: coverage %.3f of %d intervals, null driver beats noise in %.3f of %d seeds, planted %.3f%n",
        n, coverage, planted, nullRate, SEEDS, (double) plantedFlagged / planted);
    assertTrue(coverage >= 0.90, "coverage " + coverage);
    assertTrue(nullRate <= 0.10, "null driver flagged in " + nullRate);
    assertTrue(plantedFlagged >= 0.9 * planted, "planted drivers beat noise: " + plantedFlagged + " of " + planted);
  }

  static ImportanceIntervals simulate(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] rows = new double[n][];
    double[] w = new double[n];
    Moments full = new Moments(5);
    for (int i = 0; i < n; i++) {
      double z = rnd.nextGaussian();
      double[] x = new double[4];
      double y = rnd.nextGaussian();
      for (int j = 0; j < 4; j++) {
        x[j] = (j < 3 ? 0.5 * z : 0) + rnd.nextGaussian() + 5;
        y += BETA[j] * x[j];
      }
      rows[i] = new double[] {y, x[0], x[1], x[2], x[3]};
      w[i] = 0.5 + 1.5 * rnd.nextDouble();
      full.add(rows[i], w[i]);
    }
    double[] centre = {full.mean(0), full.mean(1), full.mean(2), full.mean(3), full.mean(4), 0};
    ReplicateSums sums = new ReplicateSums(6);
    double[] d = new double[6];
    for (int i = 0; i < n; i++) {
      long id = seed * 1_000_003L + i;
      for (int j = 0; j < 5; j++) {
        d[j] = rows[i][j] - centre[j];
      }
      d[5] = PoissonBootstrap.noise(seed, id);
      sums.add(d, w[i], ReplicateSums.bucket(seed, id));
    }
    List<Moments> replicates = sums.draw(new ReplicateSums.Counts(seed, REPLICATES)).moments(centre);
    return ImportanceIntervals.of(replicates, ImportanceBasis.SHAPLEY);
  }

  /** Shapley values of the population correlation matrix of (x1..x4) and y. */
  static double[] populationShapley() {
    double[][] cov = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        cov[i][j] = (i == j ? 1 : 0) + (i < 3 && j < 3 ? 0.25 : 0);
      }
    }
    double[] cxy = new double[4];
    double vy = 1;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        cxy[i] += cov[i][j] * BETA[j];
        vy += BETA[i] * cov[i][j] * BETA[j];
      }
    }
    double[][] rxx = new double[4][4];
    double[] rxy = new double[4];
    for (int i = 0; i < 4; i++) {
      rxy[i] = cxy[i] / Math.sqrt(cov[i][i] * vy);
      for (int j = 0; j < 4; j++) {
        rxx[i][j] = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      }
    }
    return ShapleyDecomposition.decompose(rxx, rxy, 4);
  }
}
