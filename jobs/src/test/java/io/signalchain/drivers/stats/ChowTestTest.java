package io.signalchain.drivers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChowTestTest {
  /**
   * y, x1, x2, segment (1 = the segment, 0 = the rest); weights 0.5 + (i mod 5) · 0.3, i = 1..60.
   * R 4.x:
   * <pre>
   * set.seed(1); n &lt;- 60; x1 &lt;- round(rnorm(n), 3); x2 &lt;- round(rnorm(n), 3)
   * g &lt;- rep(c(1, 0), c(24, 36))
   * y &lt;- round(1 + 0.5 * x1 + ifelse(g == 1, 1.2, 0.2) * x2 + rnorm(n), 3)
   * w &lt;- 0.5 + (seq_len(n) %% 5) * 0.3
   * anova(lm(y ~ x1 + x2, weights = w), lm(y ~ (x1 + x2) * g, weights = w))
   * # F 5.56797613297865, p 0.00210698703514344
   * </pre>
   */
  static final double[][] ROWS = {{3.063, -0.626, 2.402, 1}, {2.388, 0.184, -0.039, 1}, {1.195, -0.836, 0.69, 1},
      {1.652, 1.595, 0.028, 1}, {0.173, 0.33, -0.743, 1}, {1.529, -0.82, 0.189, 1}, {-0.996, 0.487, -1.805, 1},
      {3.091, 0.738, 1.466, 1}, {0.79, 0.576, 0.153, 1}, {3.131, -0.305, 2.173, 1}, {2.387, 1.512, 0.476, 1},
      {-0.246, 0.39, -0.71, 1}, {1.954, -0.621, 0.611, 1}, {-2.747, -2.215, -0.934, 1}, {0.364, 1.125, -1.254, 1},
      {-0.21, -0.045, 0.291, 1}, {0.159, -0.016, -0.443, 1}, {0.945, 0.944, 0.001, 1}, {0.847, 0.821, 0.074, 1},
      {0.532, 0.594, -0.59, 1}, {-1.138, 0.919, -0.569, 1}, {2.406, 0.782, -0.135, 1}, {0.786, 0.075, 1.178, 1},
      {-2.287, -1.989, -1.524, 1}, {0.313, 0.62, 0.594, 0}, {0.288, -0.056, 0.333, 0}, {3.222, -0.156, 1.063, 0},
      {0.221, -1.471, -0.304, 0}, {-0.451, -0.478, 0.37, 0}, {-0.378, 0.418, 0.267, 0}, {2.021, 1.359, -0.543, 0},
      {1.172, -0.103, 1.208, 0}, {1.108, 0.388, 1.16, 0}, {0.184, -0.054, 0.7, 0}, {-0.859, -1.377, 1.587, 0},
      {-0.171, -0.415, 0.558, 0}, {1.548, -0.394, -1.277, 0}, {0.235, -0.059, -0.573, 0}, {-0.079, 1.1, -1.225, 0},
      {3.156, 0.763, -0.473, 0}, {1.219, -0.165, -0.62, 0}, {0.643, -0.253, 0.042, 0}, {2.225, 0.697, -0.911, 0},
      {2.197, 0.557, 0.158, 0}, {-0.095, -0.689, -0.655, 0}, {3.206, -0.707, 1.767, 0}, {1.071, 0.365, 0.717, 0},
      {0.142, 0.769, 0.91, 0}, {0.876, -0.112, 0.384, 0}, {1.984, 0.881, 1.682, 0}, {3.38, 0.398, -0.636, 0},
      {0.707, -0.612, -0.462, 0}, {1.914, 0.341, 1.432, 0}, {0.228, -1.129, -0.651, 0}, {1.341, 1.433, -0.207, 0},
      {1.877, 1.98, -0.393, 0}, {1.54, -0.367, -0.32, 0}, {2.497, -1.044, -0.279, 0}, {2.411, 0.57, 0.494, 0},
      {2.105, -0.135, -0.177, 0}};

  @Test
  void matchesRsAnovaOfThePooledAgainstTheInteractedModel() {
    Moments segment = new Moments(3);
    Moments rest = new Moments(3);
    for (int i = 0; i < ROWS.length; i++) {
      double w = 0.5 + ((i + 1) % 5) * 0.3;
      (ROWS[i][3] == 1 ? segment : rest).add(new double[] {ROWS[i][0], ROWS[i][1], ROWS[i][2]}, w);
    }
    Moments pooled = new Moments(3).merge(segment).merge(rest);
    List<String> names = List.of("x1", "x2");
    ChowTest chow = ChowTest.of(WeightedOls.fit(pooled, names, 10, 1), pooled, WeightedOls.fit(segment, names, 10, 1),
        segment, WeightedOls.fit(rest, names, 10, 1), rest);
    assertEquals(5.56797613297865, chow.f(), 1e-8 * 5.57);
    assertEquals(3, chow.df1());
    assertEquals(54, chow.df2());
    assertEquals(0.00210698703514344, chow.pValue(), 1e-10);
  }

  @Test
  void aSegmentWithoutAModelHasNoTest() {
    Moments few = new Moments(3);
    few.add(new double[] {1, 2, 3}, 1);
    Moments pooled = new Moments(3);
    for (double[] r : ROWS) {
      pooled.add(new double[] {r[0], r[1], r[2]}, 1);
    }
    List<String> names = List.of("x1", "x2");
    ChowTest chow = ChowTest.of(WeightedOls.fit(pooled, names, 10, 1), pooled, WeightedOls.fit(few, names, 10, 1),
        few, WeightedOls.fit(pooled, names, 10, 1), pooled);
    assertTrue(Double.isNaN(chow.f()));
  }
}
