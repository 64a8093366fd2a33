package io.signalchain.measures.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The change tests against R 4 (Rscript, values printed with options(digits = 17)), to 1e-9
 * relative. The R code is quoted beside each value, so that the suite never needs R.
 */
class ChangeTestsTest {
  private static final double TOL = 1e-9;
  private static final double[] X1 = {7, 8, 6, 9, 5, 8, 7, 6};
  private static final double[] X0 = {6, 5, 7, 6, 5, 4, 6, 7, 5, 6};
  private static final double[] W1 = {1.2, 0.8, 1.5, 0.6, 1, 2, 0.9, 1.1};
  private static final double[] W0 = {0.5, 1.4, 1, 1.3, 0.7, 1.6, 0.8, 1.2, 1.1, 0.9};

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, Math.abs(expected) * TOL, what);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  @Test
  void unweightedWelchIsRsTTest() {
    // tt <- t.test(c(7,8,6,9,5,8,7,6), c(6,5,7,6,5,4,6,7,5,6))
    Change c = ChangeTests.welch(WeightedSums.of(X1, ones(8)), WeightedSums.of(X0, ones(10)));
    near(2.3566906055587009, c.statistic(), "t");
    near(12.411888849806543, c.df(), "df");
    near(0.035628867796218211, c.pValue(), "p");
    near(0.10252979622706995, c.ciLow(), "conf.int[1]");
    near(2.4974702037729291, c.ciHigh(), "conf.int[2]");
  }

  @Test
  void weightedWelchUsesKishEffectiveN() {
    // wse <- function(x, w) { n <- length(x); m <- weighted.mean(x, w);
    //   s2 <- sum(w*(x-m)^2)/sum(w) * n/(n-1); neff <- sum(w)^2/sum(w^2); c(m, sqrt(s2/neff), neff) }
    // a <- wse(x1, w1); b <- wse(x0, w0); se <- sqrt(a[2]^2 + b[2]^2)
    // df <- se^4/(a[2]^4/(a[3]-1) + b[2]^4/(b[3]-1)); t <- (a[1]-b[1])/se; 2*pt(-abs(t), df)
    // a[1]-b[1] -/+ qt(0.975, df)*se
    Change c = ChangeTests.welch(WeightedSums.of(X1, W1), WeightedSums.of(X0, W0));
    near(1.3340659340659338, c.difference(), "diff");
    near(0.57087893885512531, c.standardError(), "se");
    near(11.980612892195671, c.df(), "df");
    near(2.3368631127666912, c.statistic(), "t");
    near(0.0376308706147842, c.pValue(), "p");
    near(0.090004304479711861, c.ciLow(), "lo");
    near(2.5781275636521555, c.ciHigh(), "hi");
  }

  @Test
  void npsIsADifferenceOfTwoProportionsOfOneSample() {
    // z <- promoter 1, passive 0, detractor -1; p, d weighted shares; neff Kish
    // nps <- function(s, w) c(p-d, sqrt((p+d-(p-d)^2)/neff)); se <- sqrt(A[2]^2+B[2]^2)
    // zz <- (A[1]-B[1])/se; 2*pnorm(-abs(zz)); A[1]-B[1] -/+ qnorm(0.975)*se
    double[] s1 = {10, 9, 3, 7, 8, 10, 2, 6};
    double[] s0 = {9, 9, 10, 5, 7, 8, 10, 9, 6, 10};
    Change c = ChangeTests.share(WeightedSums.of(npsScores(s1), W1), WeightedSums.of(npsScores(s0), W0));
    near(-0.26886446886446891, c.difference(), "diff");
    near(0.43590583508860498, c.standardError(), "se");
    near(-0.61679483783422584, c.statistic(), "z");
    near(0.53737005733379684, c.pValue(), "p");
    near(-1.1232242062889908, c.ciLow(), "lo");
    near(0.58549526856005285, c.ciHigh(), "hi");
  }

  private static double[] npsScores(double[] scores) {
    return Arrays.stream(scores).map(s -> s >= 9 ? 1 : s <= 6 ? -1 : 0).toArray();
  }

  @Test
  void contactRatesComparedAsPoissonCounts() {
    // d <- 1000*(130/4000 - 95/3900); se <- 1000*sqrt(130/4000^2 + 95/3900^2); 2*pnorm(-abs(d/se))
    Change c = ChangeTests.rate(130, 4000, 95, 3900);
    near(8.1410256410256423, c.difference(), "diff");
    near(3.7908957861270038, c.standardError(), "se");
    near(2.1475202960783526, c.statistic(), "z");
    near(0.031751883156818698, c.pValue(), "p");
  }

  @Test
  void benjaminiHochbergIsRsPAdjust() {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04, 0.9), "BH")
    double[] q = ChangeTests.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04, 0.9});
    assertArrayEquals(new double[] {0.04, 0.064, 0.064, 0.04, 0.5714285714285714, 0.26666666666666666, 0.064, 0.9},
        q, 1e-15);
    double[] withUntested = ChangeTests.benjaminiHochberg(new double[] {0.01, Double.NaN, 0.02});
    assertTrue(Double.isNaN(withUntested[1]), "an untested change has no q");
    assertArrayEquals(new double[] {0.02, 0.02}, new double[] {withUntested[0], withUntested[2]}, 1e-15);
  }

  @Test
  void sumsOfDaysAddUpToThePeriod() {
    WeightedSums all = WeightedSums.of(X1, W1);
    WeightedSums split = WeightedSums.of(Arrays.copyOf(X1, 3), Arrays.copyOf(W1, 3))
        .plus(WeightedSums.of(Arrays.copyOfRange(X1, 3, 8), Arrays.copyOfRange(W1, 3, 8)));
    near(all.mean(), split.mean(), "mean");
    near(all.meanError(), split.meanError(), "se");
    // 9.1^2 / sum(w1^2) = 82.81 / 11.71
    near(82.81 / 11.71, all.effectiveN(), "Kish n_eff");
  }
}
