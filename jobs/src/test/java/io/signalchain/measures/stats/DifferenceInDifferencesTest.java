package io.signalchain.measures.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The difference-in-differences against R 4.3 (Rscript, options(digits = 17)), to 1e-9
 * relative. The fixture: step A (the action) and comparison steps B and C, each with a pre (0)
 * and a post (1) sample of weighted satisfaction answers. The R code, shortened:
 * <pre>
 * d: data.frame(step (factor A, B, C), post (0/1), y, w) of the arrays below
 * fit &lt;- lm(y ~ step * post, data = d, weights = w); b &lt;- coef(fit)
 * did &lt;- -(b["stepB:post"] + b["stepC:post"]) / 2           # A's change minus the mean of B's and C's
 * wse &lt;- function(x, w) { n &lt;- length(x); m &lt;- weighted.mean(x, w)
 *   s2 &lt;- sum(w*(x-m)^2)/sum(w) * n/(n-1); neff &lt;- sum(w)^2/sum(w^2); sqrt(s2/neff) }
 * v &lt;- wse(cell)^2 per cell; se &lt;- sqrt(vA0 + vA1 + (vB0 + vB1 + vC0 + vC1) / 4)
 * 2 * pnorm(-abs(did / se)); did -/+ qnorm(0.975) * se
 * unweighted: cm &lt;- lm(y ~ 0 + interaction(step, post)); V &lt;- sandwich::vcovHC(cm, type = "HC2")
 *   L &lt;- c(-1, 0.5, 0.5, 1, -0.5, -0.5); sqrt(t(L) %*% V %*% L)   # the same SE, independently
 * </pre>
 */
class DifferenceInDifferencesTest {
  private static final double TOL = 1e-9;
  private static final double[] A0 = {6, 7, 5, 6, 8, 6, 7};
  private static final double[] A1 = {8, 7, 9, 8, 7, 9, 8, 6};
  private static final double[] B0 = {7, 6, 7, 8, 6, 7};
  private static final double[] B1 = {7, 8, 7, 6, 8, 7, 7};
  private static final double[] C0 = {5, 6, 4, 6, 5, 7, 5, 6};
  private static final double[] C1 = {6, 5, 6, 7, 5, 6};
  private static final double[] WA0 = {1.2, 0.8, 1, 1.5, 0.7, 1.1, 0.9};
  private static final double[] WA1 = {1, 1.3, 0.6, 1.4, 1, 0.8, 1.2, 1.1};
  private static final double[] WB0 = {0.9, 1.1, 1.3, 0.7, 1, 1.2};
  private static final double[] WB1 = {1, 1, 0.8, 1.2, 1.5, 0.6, 1.1};
  private static final double[] WC0 = {1.4, 0.9, 1, 1.1, 0.8, 1.2, 1, 0.7};
  private static final double[] WC1 = {1, 1.3, 0.9, 0.8, 1.2, 1};

  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, Math.abs(expected) * TOL, what);
  }

  private static Change change(double[] post, double[] wPost, double[] pre, double[] wPre) {
    return DifferenceInDifferences.meanChange(WeightedSums.of(post, wPost), WeightedSums.of(pre, wPre), false);
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }

  @Test
  void weightedDidIsTheLmContrastWithEachCellsOwnVariance() {
    Change a = change(A1, WA1, A0, WA0);
    Change did = DifferenceInDifferences.of(a, List.of(change(B1, WB1, B0, WB0), change(C1, WC1, C0, WC0)));
    near(1.0262879046481188, did.difference(), "did");
    near(0.58280772077180198, did.standardError(), "se");
    near(0.078249001199548585, did.pValue(), "p");
    near(-0.11599423797648911, did.ciLow(), "lo");
    near(2.16857004727272695, did.ciHigh(), "hi");
  }

  @Test
  void oneComparisonStepIsTheInteractionTerm() {
    // fitB <- lm(y ~ step * post, data = subset(d, step != "C"), weights = w); -coef(fitB)["stepB:post"]
    Change did = DifferenceInDifferences.of(change(A1, WA1, A0, WA0), List.of(change(B1, WB1, B0, WB0)));
    near(0.93292370711725736, did.difference(), "interaction");
    near(0.64274357509863878, did.standardError(), "se");
    near(0.14664873127063999, did.pValue(), "p");
  }

  @Test
  void unweightedSeIsTheHc2ContrastOfTheCellMeans() {
    Change did = DifferenceInDifferences.of(change(A1, ones(8), A0, ones(7)),
        List.of(change(B1, ones(7), B0, ones(6)), change(C1, ones(6), C0, ones(8))));
    near(1.0000000000000036, did.difference(), "did");
    near(0.60083086840333366, did.standardError(), "HC2 se");
  }

  @Test
  void contactRatesArePoissonCountsOverPasses() {
    // r <- function(c, v) 1000*c/v; vr <- function(c, v) 1e6*c/v^2
    // A 120/4000 -> 80/4100, B 60/3000 -> 66/3100, C 200/5000 -> 190/4900
    // did <- (r(80,4100)-r(120,4000)) - ((r(66,3100)-r(60,3000)) + (r(190,4900)-r(200,5000)))/2
    // se <- sqrt(vr(80,4100)+vr(120,4000)+(vr(66,3100)+vr(60,3000)+vr(190,4900)+vr(200,5000))/4)
    Change did = DifferenceInDifferences.of(DifferenceInDifferences.rateChange(80, 4100, 120, 4000), List.of(
        DifferenceInDifferences.rateChange(66, 3100, 60, 3000),
        DifferenceInDifferences.rateChange(190, 4900, 200, 5000)));
    near(-10.520721270412177972, did.difference(), "did");
    near(4.429564595241908265, did.standardError(), "se");
    near(0.017543526786094076, did.pValue(), "p");
  }

  @Test
  void costRatesScaleTheContactErrorByTheMeanCostPerContact() {
    // 1000 * (cost/v - cost0/v0); se = hypot(1000*cost/(v*sqrt(c)), 1000*cost0/(v0*sqrt(c0)))
    Change c = DifferenceInDifferences.costRateChange(520, 80, 4100, 780, 120, 4000);
    near(1000 * (520.0 / 4100 - 780.0 / 4000), c.difference(), "diff");
    near(Math.hypot(1000 * 520 / (4100 * Math.sqrt(80)), 1000 * 780 / (4000 * Math.sqrt(120))), c.standardError(),
        "se");
    // at a fixed cost per contact (6.5) it is the contact rate's change times that cost
    Change contacts = DifferenceInDifferences.rateChange(80, 4100, 120, 4000);
    near(6.5 * contacts.difference(), c.difference(), "cost = 6.5 x contacts");
    near(6.5 * contacts.standardError(), c.standardError(), "se = 6.5 x contacts se");
  }

  @Test
  void withoutComparisonsThereIsNoDid() {
    assertNull(DifferenceInDifferences.of(change(A1, WA1, A0, WA0), List.of()));
  }
}
