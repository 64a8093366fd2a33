package io.signalchain.drivers.stats;

import java.util.Arrays;
import java.util.Random;

/**
 * Times the exact Shapley decomposition for growing k on one thread. Not a test: run it by hand,
 * e.g. {@code java -cp jobs/target/test-classes:jobs/target/classes:commons-math3.jar
 * io.signalchain.drivers.stats.ShapleyBenchmark 16 20 22 25}. The baseline is one full solve of
 * the k-driver model from the correlation matrix (k sweeps), times 2^k: the cost of refitting every
 * subset from scratch with a full-size solve.
 */
public final class ShapleyBenchmark {
  private ShapleyBenchmark() {}

  public static void main(String[] args) {
    int[] ks = args.length == 0 ? new int[] {16, 20, 22, 25} : parse(args);
    for (int k : ks) {
      double[][] rxx = new double[k][k];
      double[] rxy = new double[k];
      correlations(new Random(k), k, rxx, rxy);
      // Warm up the JIT on a small problem first.
      ShapleyDecomposition.decompose(sub(rxx, 12), Arrays.copyOf(rxy, 12), 26);
      double baselinePerSolve = fullSolveSeconds(rxx, rxy);
      long start = System.nanoTime();
      double[] shapley = ShapleyDecomposition.decompose(rxx, rxy, 26);
      double seconds = (System.nanoTime() - start) / 1e9;
      double sum = 0;
      for (double s : shapley) {
        sum += s;
      }
      double baseline = baselinePerSolve * Math.pow(2, k);
      System.out.printf("k=%d  subsets=%d  seconds=%.3f  sum(shapley)=%.12f  "
          + "baseline(full solve x 2^k)=%.3f s  ratio=%.3f%n",
          k, 1L << k, seconds, sum, baseline, seconds / baseline);
    }
  }

  private static double fullSolveSeconds(double[][] rxx, double[] rxy) {
    int k = rxy.length;
    int n = k + 1;
    double[] original = new double[n * n];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        original[i * n + j] = rxx[i][j];
      }
      original[i * n + k] = rxy[i];
    }
    original[k * n + k] = 1;
    double[] a = new double[n * n];
    double[] col = new double[n];
    int reps = 20000;
    double sink = 0;
    long start = System.nanoTime();
    for (int r = 0; r < reps; r++) {
      System.arraycopy(original, 0, a, 0, a.length);
      for (int j = 0; j < k; j++) {
        ShapleyDecomposition.sweep(a, n, j, true, col);
      }
      sink += a[k * n + k];
    }
    double perSolve = (System.nanoTime() - start) / 1e9 / reps;
    if (sink == 42) {
      System.out.println();
    }
    return perSolve;
  }

  /** A random well-conditioned correlation structure from simulated data. */
  private static void correlations(Random rnd, int k, double[][] rxx, double[] rxy) {
    Moments m = new Moments(k + 1);
    double[] x = new double[k + 1];
    for (int i = 0; i < 5000; i++) {
      double common = rnd.nextGaussian();
      x[0] = rnd.nextGaussian();
      for (int j = 1; j <= k; j++) {
        x[j] = 0.7 * common + rnd.nextGaussian();
        x[0] += x[j] / j;
      }
      m.add(x, 1);
    }
    double[][] r = m.correlationMatrix();
    for (int i = 0; i < k; i++) {
      rxy[i] = r[0][i + 1];
      for (int j = 0; j < k; j++) {
        rxx[i][j] = r[i + 1][j + 1];
      }
    }
  }

  private static double[][] sub(double[][] a, int k) {
    double[][] s = new double[k][k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(a[i], 0, s[i], 0, k);
    }
    return s;
  }

  private static int[] parse(String[] args) {
    int[] ks = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      ks[i] = Integer.parseInt(args[i]);
    }
    return ks;
  }
}
