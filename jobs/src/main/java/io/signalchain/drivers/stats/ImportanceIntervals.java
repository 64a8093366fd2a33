package io.signalchain.drivers.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bootstrap percentile intervals of one step's importance, and whether each driver beats noise.
 *
 * <p>Each replicate's moments hold the outcome, the k drivers of the model and a random-noise
 * variable (last). Per replicate: the importance of the k drivers without the noise (Shapley when
 * the basis is {@link ImportanceBasis#SHAPLEY}, relative weights always), and the importance of
 * all k + 1 with it. A driver's noise p value is the bootstrap share of replicates in which it is
 * no more important than the noise, {@code (1 + #{imp_j ≤ imp_noise}) / (1 + B)}; {@code beatsNoise}
 * is its Benjamini–Hochberg adjusted p value at most 0.05 over the step's drivers (the approach of
 * Tonidandel and LeBreton's rwa: a random variable in every replicate). With Shapley the k-driver
 * values come from the same 2^(k+1) subset table (the subsets without the noise), so the noise
 * costs one doubling, not a second decomposition.
 *
 * <p>Replicates in which a driver is constant or the drivers are collinear are skipped and not
 * counted in {@link #replicates}.
 *
 * @param basis the importance the intervals are of: SHAPLEY, or RELATIVE_WEIGHTS when the step has
 *     more drivers than the bootstrap's Shapley maximum
 * @param replicates replicates used
 * @param shapley 2.5 % and 97.5 % percentiles per driver ([driver][0..1]); NaN when not Shapley
 * @param relativeWeight the same of the relative weights
 * @param importancePct the same of the importance normalised to 100 (of {@code basis})
 * @param rank the 2.5 % and 97.5 % percentiles of the driver's rank (1 = most important)
 * @param noisePValue bootstrap p value of "no more important than noise"
 * @param noiseAdjusted that p value adjusted by Benjamini–Hochberg over the step's drivers
 */
public record ImportanceIntervals(ImportanceBasis basis, int replicates, double[][] shapley,
    double[][] relativeWeight, double[][] importancePct, int[][] rank, double[] noisePValue,
    double[] noiseAdjusted) implements Serializable {

  /** False discovery rate of {@code beatsNoise}. */
  public static final double NOISE_FDR = 0.05;

  public boolean beatsNoise(int driver) {
    return noiseAdjusted[driver] <= NOISE_FDR;
  }

  /**
   * @param replicates each replicate's moments of outcome (0), the k drivers (1..k) and noise (k+1)
   * @param basis SHAPLEY or RELATIVE_WEIGHTS
   */
  public static ImportanceIntervals of(List<Moments> replicates, ImportanceBasis basis) {
    if (basis == ImportanceBasis.NONE) {
      throw new IllegalArgumentException("No importance to bootstrap");
    }
    int k = replicates.get(0).variables() - 2;
    boolean shapley = basis == ImportanceBasis.SHAPLEY;
    List<double[]> sh = new ArrayList<>();
    List<double[]> rw = new ArrayList<>();
    List<double[]> pct = new ArrayList<>();
    List<int[]> ranks = new ArrayList<>();
    int[] notAboveNoise = new int[k];
    for (Moments m : replicates) {
      double[][] r = m.correlationMatrix();
      if (!usable(r)) {
        continue;
      }
      double[][] rxx = new double[k + 1][k + 1];
      double[] rxy = new double[k + 1];
      for (int i = 0; i <= k; i++) {
        rxy[i] = r[0][i + 1];
        for (int j = 0; j <= k; j++) {
          rxx[i][j] = r[i + 1][j + 1];
        }
      }
      double[] relative;
      double[] withNoise;
      double[] subsets = null;
      try {
        relative = RelativeWeights.compute(head(rxx, k), Arrays.copyOf(rxy, k));
        if (shapley) {
          subsets = ShapleyDecomposition.subsetRSquared(rxx, rxy);
          withNoise = ShapleyDecomposition.shapleyValues(subsets, k + 1);
        } else {
          withNoise = RelativeWeights.compute(rxx, rxy);
        }
      } catch (IllegalArgumentException singular) {
        continue;
      }
      double[] values = shapley ? ShapleyDecomposition.shapleyValues(subsets, k) : relative;
      double total = Arrays.stream(values).sum();
      if (!(total > 0)) {
        continue;
      }
      double[] share = new double[k];
      for (int j = 0; j < k; j++) {
        share[j] = 100 * values[j] / total;
        if (withNoise[j] <= withNoise[k]) {
          notAboveNoise[j]++;
        }
      }
      if (shapley) {
        sh.add(values);
      }
      rw.add(relative);
      pct.add(share);
      ranks.add(ranks(share));
    }
    int b = pct.size();
    double[] p = new double[k];
    for (int j = 0; j < k; j++) {
      p[j] = b == 0 ? Double.NaN : (1.0 + notAboveNoise[j]) / (1.0 + b);
    }
    return new ImportanceIntervals(basis, b, intervals(sh, k), intervals(rw, k), intervals(pct, k),
        rankIntervals(ranks, k), p, benjaminiHochberg(p));
  }

  private static boolean usable(double[][] r) {
    for (double[] row : r) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[][] head(double[][] a, int k) {
    double[][] out = new double[k][];
    for (int i = 0; i < k; i++) {
      out[i] = Arrays.copyOf(a[i], k);
    }
    return out;
  }

  /** 1 = largest share; ties share the better rank. */
  private static int[] ranks(double[] share) {
    int[] rank = new int[share.length];
    for (int i = 0; i < share.length; i++) {
      int above = 0;
      for (double s : share) {
        if (s > share[i]) {
          above++;
        }
      }
      rank[i] = above + 1;
    }
    return rank;
  }

  private static double[][] intervals(List<double[]> draws, int k) {
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      if (draws.isEmpty()) {
        out[j] = new double[] {Double.NaN, Double.NaN};
        continue;
      }
      double[] v = new double[draws.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = draws.get(i)[j];
      }
      Arrays.sort(v);
      out[j] = new double[] {quantile(v, 0.025), quantile(v, 0.975)};
    }
    return out;
  }

  private static int[][] rankIntervals(List<int[]> draws, int k) {
    int[][] out = new int[k][];
    for (int j = 0; j < k; j++) {
      if (draws.isEmpty()) {
        out[j] = null;
        continue;
      }
      int[] v = new int[draws.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = draws.get(i)[j];
      }
      Arrays.sort(v);
      // Inverse of the empirical distribution (R's quantile type 1): ranks stay whole numbers.
      out[j] = new int[] {v[(int) Math.ceil(0.025 * v.length) - 1], v[(int) Math.ceil(0.975 * v.length) - 1]};
    }
    return out;
  }

  /** R's default quantile (type 7) of sorted values. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Benjamini–Hochberg adjusted p values, as R's {@code p.adjust(p, "BH")} (NaN stays NaN). */
  public static double[] benjaminiHochberg(double[] p) {
    Integer[] order = new Integer[p.length];
    int m = 0;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        order[m++] = i;
      }
    }
    Integer[] sorted = Arrays.copyOf(order, m);
    Arrays.sort(sorted, (a, b) -> Double.compare(p[b], p[a]));
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    double running = 1;
    for (int i = 0; i < m; i++) {
      int rankFromTop = m - i;
      running = Math.min(running, p[sorted[i]] * m / rankFromTop);
      adjusted[sorted[i]] = running;
    }
    return adjusted;
  }
}
