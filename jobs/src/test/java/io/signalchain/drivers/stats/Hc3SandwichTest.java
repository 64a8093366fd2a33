package io.signalchain.drivers.stats;

import static io.signalchain.drivers.stats.StatsFixtures.ATTITUDE;
import static io.signalchain.drivers.stats.StatsFixtures.ATTITUDE_DRIVERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hc3SandwichTest {

  /**
   * R 4.x, sandwich 3.0-2, on R's attitude data with weights 0.5 + (i mod 4) · 0.25:
   * <pre>
   * library(sandwich)
   * d &lt;- datasets::attitude
   * w &lt;- 0.5 + (seq_len(nrow(d)) %% 4) * 0.25
   * fit &lt;- lm(rating ~ ., data = d, weights = w)
   * se &lt;- sqrt(diag(vcovHC(fit, type = "HC3")))
   * p &lt;- 2 * pt(-abs(coef(fit) / se), df.residual(fit))
   * </pre>
   */
  static final double[] R_SE = {18.49903941825669307, 0.15977830182085481, 0.14234490721297752, 0.14753173228852567,
      0.16100599723618564, 0.23274995702539478, 0.16532545530948448};
  static final double[] R_P = {0.6414434411361037425, 0.0012477679664122147, 0.6382153338176048685,
      0.0100290645980653983, 0.9847359740494161517, 0.7475298762836253275, 0.2407443566394531498};
  static final double[] R_COEF = {8.7297235280507656796, 0.5876232619378655153, -0.0678270632428691483,
      0.4139848811786470129, -0.0031139988518168959, 0.0758272638205815808, -0.1990912723816206376};

  static double[] weights() {
    double[] w = new double[ATTITUDE.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + ((i + 1) % 4) * 0.25;
    }
    return w;
  }

  static Estimate[] robust(double[][] rows, double[] w, int split) {
    Moments m = StatsFixtures.moments(rows, w);
    RegressionFit fit = WeightedOls.fit(m, ATTITUDE_DRIVERS, 10, 1);
    double[] slopes = fit.drivers().stream().mapToDouble(d -> d.coefficient().value()).toArray();
    Hc3Sandwich plan = Hc3Sandwich.of(m, slopes);
    // Two partial meats, merged: the order of rows and partitions must not matter.
    double[] first = new double[plan.meatSize()];
    double[] second = new double[plan.meatSize()];
    double[] scratch = new double[slopes.length + 1];
    for (int i = 0; i < rows.length; i++) {
      double[] x = Arrays.copyOfRange(rows[i], 1, rows[i].length);
      plan.add(i < split ? first : second, rows[i][0], x, w[i], scratch);
    }
    return plan.estimates(Hc3Sandwich.merge(second, first), fit.intercept().value(), fit.residualDf());
  }

  @Test
  void weightedAttitudeMatchesRSandwichHc3() {
    Estimate[] e = robust(ATTITUDE, weights(), 11);
    for (int i = 0; i < R_SE.length; i++) {
      assertEquals(R_COEF[i], e[i].value(), 1e-8 * Math.abs(R_COEF[i]) + 1e-12, "coefficient " + i);
      assertEquals(R_SE[i], e[i].stdError(), 1e-8 * R_SE[i], "HC3 standard error " + i);
      assertEquals(R_P[i], e[i].pValue(), 1e-8, "robust p value " + i);
    }
  }

  @Test
  void aLargeCommonOffsetChangesNothing() {
    double[][] shifted = new double[ATTITUDE.length][];
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = ATTITUDE[i].clone();
      for (int j = 1; j < shifted[i].length; j++) {
        shifted[i][j] += 1e5;
      }
    }
    Estimate[] e = robust(shifted, weights(), 20);
    for (int i = 1; i < R_SE.length; i++) {
      assertEquals(R_SE[i], e[i].stdError(), 1e-7 * R_SE[i], "HC3 standard error " + i);
    }
  }

  @Test
  void homoscedasticRowsGiveRobustErrorsCloseToTheClassicalOnes() {
    Random rnd = new Random(3);
    double[][] rows = StatsFixtures.randomRows(rnd, 20000, 3, 0);
    Moments m = StatsFixtures.moments(rows, null);
    RegressionFit fit = WeightedOls.fit(m, List.of("a", "b", "c"), 10, 1);
    double[] slopes = fit.drivers().stream().mapToDouble(d -> d.coefficient().value()).toArray();
    Hc3Sandwich plan = Hc3Sandwich.of(m, slopes);
    double[] meat = new double[plan.meatSize()];
    double[] scratch = new double[4];
    for (double[] row : rows) {
      plan.add(meat, row[0], Arrays.copyOfRange(row, 1, 4), 1, scratch);
    }
    Estimate[] e = plan.estimates(meat, fit.intercept().value(), fit.residualDf());
    for (int j = 0; j < 3; j++) {
      double classical = fit.drivers().get(j).coefficient().stdError();
      assertEquals(classical, e[j + 1].stdError(), 0.03 * classical, "driver " + j);
    }
  }
}
