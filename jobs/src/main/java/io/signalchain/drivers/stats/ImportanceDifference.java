package io.signalchain.drivers.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Does a segment weigh the step's drivers differently from the rest of the step? From the same
 * Poisson-bootstrap replicates as the step's importance intervals (the same counts for the
 * segment's responses and the rest's): per replicate each side's importance share of every driver
 * (of {@code basis}, normalised to 100, without the noise variable), and the difference segment −
 * rest. Per driver the 95 % percentile interval of the difference and a two-sided bootstrap p
 * value {@code min(1, 2 · (1 + #{Δ* ≤ 0 or ≥ 0, the smaller}) / (1 + B))}. The segment's p value is
 * Bonferroni over the step's k drivers, {@code min(1, k · min_j p_j)}, and the driver it reports is
 * the one with the smallest p (the larger point difference on a tie): one test per segment, so
 * Benjamini–Hochberg over steps × segments controls the false discoveries of the segments flagged.
 * Replicates in which either side is constant, collinear or without variance are skipped.
 *
 * @param replicates replicates used
 * @param driver index of the reported driver (in the model's order); -1 without usable replicates
 * @param difference the reported driver's share in the segment minus in the rest (full sample), points
 * @param ciLower 2.5 % percentile of the replicates' differences
 * @param ciUpper 97.5 % percentile
 * @param pValue the segment's p value (Bonferroni over the drivers)
 */
public record ImportanceDifference(int replicates, int driver, double difference, double ciLower, double ciUpper,
    double pValue) implements Serializable {

  public static final ImportanceDifference NONE =
      new ImportanceDifference(0, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /**
   * @param segment, rest the full sample's moments of outcome (0) and the k drivers (1..k); a noise
   *     variable after them is ignored
   * @param segmentReplicates, restReplicates each replicate's moments, in the same layout
   */
  public static ImportanceDifference of(Moments segment, Moments rest, List<Moments> segmentReplicates,
      List<Moments> restReplicates, int k, ImportanceBasis basis) {
    double[] pointSegment = shares(segment, k, basis);
    double[] pointRest = shares(rest, k, basis);
    if (pointSegment == null || pointRest == null) {
      return NONE;
    }
    double[][] draws = new double[segmentReplicates.size()][];
    int b = 0;
    for (int r = 0; r < segmentReplicates.size(); r++) {
      double[] s = shares(segmentReplicates.get(r), k, basis);
      double[] o = s == null ? null : shares(restReplicates.get(r), k, basis);
      if (o == null) {
        continue;
      }
      double[] d = new double[k];
      for (int j = 0; j < k; j++) {
        d[j] = s[j] - o[j];
      }
      draws[b++] = d;
    }
    if (b == 0) {
      return NONE;
    }
    int best = -1;
    double bestP = Double.NaN;
    double[] bestInterval = null;
    for (int j = 0; j < k; j++) {
      double[] v = new double[b];
      int atMostZero = 0;
      int atLeastZero = 0;
      for (int i = 0; i < b; i++) {
        v[i] = draws[i][j];
        atMostZero += v[i] <= 0 ? 1 : 0;
        atLeastZero += v[i] >= 0 ? 1 : 0;
      }
      double p = Math.min(1, 2 * (1.0 + Math.min(atMostZero, atLeastZero)) / (1.0 + b));
      double point = pointSegment[j] - pointRest[j];
      if (best < 0 || p < bestP || p == bestP && Math.abs(point) > Math.abs(pointSegment[best] - pointRest[best])) {
        Arrays.sort(v);
        best = j;
        bestP = p;
        bestInterval = new double[] {ImportanceIntervals.quantile(v, 0.025), ImportanceIntervals.quantile(v, 0.975)};
      }
    }
    return new ImportanceDifference(b, best, pointSegment[best] - pointRest[best], bestInterval[0], bestInterval[1],
        Math.min(1, k * bestP));
  }

  /** Each driver's share of the importance (100 in all), null when the moments allow no model. */
  static double[] shares(Moments m, int k, ImportanceBasis basis) {
    if (m.count() <= k + 1) {
      return null;
    }
    double[][] r = m.correlationMatrix();
    double[][] rxx = new double[k][k];
    double[] rxy = new double[k];
    for (int i = 0; i < k; i++) {
      rxy[i] = r[0][i + 1];
      for (int j = 0; j < k; j++) {
        rxx[i][j] = r[i + 1][j + 1];
      }
    }
    for (double[] row : rxx) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
    }
    for (double v : rxy) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    double[] values;
    try {
      values = basis == ImportanceBasis.SHAPLEY
          ? ShapleyDecomposition.shapleyValues(ShapleyDecomposition.subsetRSquared(rxx, rxy), k)
          : RelativeWeights.compute(rxx, rxy);
    } catch (IllegalArgumentException singular) {
      return null;
    }
    double total = Arrays.stream(values).sum();
    if (!(total > 0)) {
      return null;
    }
    double[] share = new double[k];
    for (int j = 0; j < k; j++) {
      share[j] = 100 * values[j] / total;
    }
    return share;
  }
}
