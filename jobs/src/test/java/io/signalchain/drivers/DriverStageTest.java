package io.signalchain.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.DriverOutcome;
import io.signalchain.config.DriverSettings;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.testing.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed driver stage against an independent implementation: commons-math3 QR on the
 * raw complete rows of each step (weights applied as √w), on random weighted data with missing
 * answers and values offset by 10^6. Tolerances: 1e-7 relative on coefficients and standard
 * errors, 1e-9 absolute on R² (the moments are merged across Spark partitions in arbitrary order).
 */
class DriverStageTest {
  static final List<String> DRIVERS = List.of("driver_a", "driver_b", "driver_c", "driver_rare");
  static final double[] BETA = {0.8, 0.3, -0.2};
  static final Map<String, List<double[]>> COMPLETE_ROWS = new HashMap<>();
  static DriverTables tables;
  static Dataset<Row> surveys;
  static DriverSettings settings;

  @BeforeAll
  static void analyse() {
    SplittableRandom random = new SplittableRandom(7);
    List<Row> rows = new ArrayList<>();
    addStep(rows, random, "stable", 600, 0.0);
    addStep(rows, random, "offset", 400, 1e6);
    addStep(rows, random, "small", 15, 0.0);
    StructType schema = new StructType().add("unit_id", DataTypes.StringType).add("satisfaction", DataTypes.DoubleType)
        .add("weight", DataTypes.DoubleType).add("driver_a", DataTypes.DoubleType).add("driver_b", DataTypes.DoubleType)
        .add("driver_c", DataTypes.DoubleType).add("driver_rare", DataTypes.DoubleType)
        .add("response_id", DataTypes.StringType);
    surveys = SharedSpark.session().createDataFrame(rows, schema).repartition(3);
    settings = new DriverSettings(DriverOutcome.SATISFACTION, 30, 0.5, 20, Map.of("configured", List.of("a",
        "missing")));
    tables = DriverStage.analyse(surveys, DRIVERS, List.of("stable", "offset", "small", "configured", "empty"),
        settings);
  }

  /** y = 2 + Σ β x + noise; each driver unanswered 10% of the time; 'rare' answered 20% of the time. */
  static void addStep(List<Row> rows, SplittableRandom random, String unit, int n, double offset) {
    List<double[]> complete = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[3];
      double y = 2 + offset + random.nextGaussian();
      for (int j = 0; j < 3; j++) {
        x[j] = offset + 5 + 2 * random.nextGaussian();
        y += BETA[j] * (x[j] - offset);
      }
      double w = 0.5 + random.nextDouble() * 1.5;
      Double[] asked = new Double[3];
      boolean all = true;
      for (int j = 0; j < 3; j++) {
        asked[j] = random.nextDouble() < 0.1 ? null : x[j];
        all &= asked[j] != null;
      }
      Double rare = random.nextDouble() < 0.2 ? random.nextDouble() * 10 : null;
      rows.add(RowFactory.create(unit, y, w, asked[0], asked[1], asked[2], rare, unit + "-" + i));
      if (all) {
        complete.add(new double[] {y, w, x[0], x[1], x[2]});
      }
    }
    COMPLETE_ROWS.put(unit, complete);
  }

  static Row model(String unit) {
    return tables.models().filter("step_id = '" + unit + "'").first();
  }

  static Row driver(String unit, String name) {
    return tables.importance().filter("step_id = '" + unit + "' and driver = '" + name + "'").first();
  }

  @Test
  void matchesAnIndependentQrFitOnTheCompleteRows() {
    for (String unit : List.of("stable", "offset")) {
      List<double[]> data = COMPLETE_ROWS.get(unit);
      double[] y = new double[data.size()];
      double[][] x = new double[data.size()][4];
      for (int i = 0; i < data.size(); i++) {
        double sw = Math.sqrt(data.get(i)[1]);
        y[i] = sw * data.get(i)[0];
        x[i][0] = sw;
        for (int j = 0; j < 3; j++) {
          x[i][j + 1] = sw * data.get(i)[j + 2];
        }
      }
      var ols = new OLSMultipleLinearRegression();
      ols.setNoIntercept(true);
      ols.newSampleData(y, x);
      double[] b = ols.estimateRegressionParameters();
      double[] se = ols.estimateRegressionParametersStandardErrors();

      Row m = model(unit);
      assertEquals("OK", m.<String>getAs("status"));
      assertEquals(data.size(), (long) m.getAs("n"), unit + ": listwise n");
      assertTrue((long) m.getAs("n_dropped") > 0, "rows with a missing answer are dropped");
      assertEquals(3, (int) m.getAs("drivers_included"), "'rare' is answered by too few responses");
      for (int j = 0; j < 3; j++) {
        Row d = driver(unit, "abc".substring(j, j + 1));
        assertEquals(b[j + 1], d.<Double>getAs("coefficient"), 1e-7 * Math.abs(b[j + 1]), unit + " coefficient " + j);
        assertEquals(se[j + 1], d.<Double>getAs("std_error"), 1e-7 * se[j + 1], unit + " std error " + j);
      }
      assertEquals(b[0], m.<Double>getAs("intercept"), 1e-7 * Math.max(1, Math.abs(b[0])), unit + " intercept");
      // the QR R² of a no-intercept fit is uncentred; compute the centred one from its residuals
      double[] residuals = ols.estimateResiduals();
      double rss = 0;
      double wsum = 0;
      double wy = 0;
      for (int i = 0; i < data.size(); i++) {
        rss += residuals[i] * residuals[i];
        wsum += data.get(i)[1];
        wy += data.get(i)[1] * data.get(i)[0];
      }
      double tss = 0;
      for (double[] r : data) {
        tss += r[1] * Math.pow(r[0] - wy / wsum, 2);
      }
      assertEquals(1 - rss / tss, m.<Double>getAs("r2"), 1e-9, unit + " R²");
    }
  }

  /**
   * HC3 from the second pass against the textbook formula on the raw complete rows:
   * (XᵀWX)⁻¹ Xᵀ W diag(eᵢ² / (1 − hᵢ)²) W X (XᵀWX)⁻¹ with hᵢ = wᵢ xᵢᵀ(XᵀWX)⁻¹xᵢ (sandwich's HC3 for
   * a weighted lm; the R oracle itself is in Hc3SandwichTest). The reference takes the known 10^6
   * offset off the drivers first, which leaves the slopes and their covariance as they are (raw
   * values near 10^6 would make its XᵀWX too ill-conditioned to serve as a reference).
   */
  @Test
  void robustErrorsMatchTheSandwichFormulaOnTheCompleteRows() {
    for (String unit : List.of("stable", "offset")) {
      double shift = unit.equals("offset") ? 1e6 : 0;
      List<double[]> data = COMPLETE_ROWS.get(unit);
      int n = data.size();
      RealMatrix x = MatrixUtils.createRealMatrix(n, 4);
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = data.get(i)[0];
        w[i] = data.get(i)[1];
        x.setEntry(i, 0, 1);
        for (int j = 0; j < 3; j++) {
          x.setEntry(i, j + 1, data.get(i)[j + 2] - shift);
        }
      }
      RealMatrix xtw = x.transpose().multiply(MatrixUtils.createRealDiagonalMatrix(w));
      RealMatrix bread = new LUDecomposition(xtw.multiply(x)).getSolver().getInverse();
      RealVector beta = bread.operate(xtw.operate(new ArrayRealVector(y)));
      RealMatrix meat = MatrixUtils.createRealMatrix(4, 4);
      for (int i = 0; i < n; i++) {
        RealVector xi = x.getRowVector(i);
        double h = w[i] * xi.dotProduct(bread.operate(xi));
        double u = w[i] * (y[i] - xi.dotProduct(beta)) / (1 - h);
        meat = meat.add(xi.outerProduct(xi).scalarMultiply(u * u));
      }
      RealMatrix v = bread.multiply(meat).multiply(bread);
      for (int j = 0; j < 3; j++) {
        Row d = driver(unit, "abc".substring(j, j + 1));
        double se = Math.sqrt(v.getEntry(j + 1, j + 1));
        assertEquals(se, d.<Double>getAs("robust_std_error"), 1e-7 * se, unit + " HC3 " + j);
        double t = d.<Double>getAs("coefficient") / se;
        double p = 2 * new TDistribution(n - 4).cumulativeProbability(-Math.abs(t));
        assertEquals(p, d.<Double>getAs("robust_p_value"), 1e-9, unit + " robust p " + j);
      }
      if (shift == 0) {
        double seIntercept = Math.sqrt(v.getEntry(0, 0));
        assertEquals(seIntercept, model(unit).<Double>getAs("intercept_robust_std_error"), 1e-7 * seIntercept,
            unit + " HC3 intercept");
      }
    }
    assertNull(driver("small", "a").getAs("robust_std_error"), "no model: no robust error");
    assertNull(model("small").getAs("intercept_robust_std_error"), "no model: no robust error");
  }

  @Test
  void bootstrapIntervalsHoldTheEstimatesAndThePlantedDriversBeatNoise() {
    Row m = model("stable");
    assertEquals("SHAPLEY", m.getAs("bootstrap_basis"));
    assertEquals(200, (int) m.getAs("bootstrap_replicates"));
    for (String name : List.of("a", "b", "c")) {
      Row d = driver("stable", name);
      double shapley = d.getAs("shapley");
      assertTrue(d.<Double>getAs("shapley_ci_lower") < shapley && shapley < d.<Double>getAs("shapley_ci_upper"),
          name + " Shapley inside its interval");
      double pct = d.getAs("importance_pct");
      assertTrue(d.<Double>getAs("importance_pct_ci_lower") < pct && pct < d.<Double>getAs("importance_pct_ci_upper"),
          name + " importance inside its interval");
      assertTrue(d.<Double>getAs("relative_weight_ci_lower") < d.<Double>getAs("relative_weight_ci_upper"));
      assertTrue(d.<Boolean>getAs("beats_noise"), name + " (β ≥ 0.2 on 540 responses) beats noise");
      assertEquals(1.0 / 201, d.<Double>getAs("noise_p_value"), 1e-12, name + ": never below noise");
    }
    // a (β 0.8) is first in every replicate; b (0.3) and c (−0.2) are close and may swap.
    Row a = driver("stable", "a");
    assertEquals(1, (int) a.getAs("rank_ci_lower"));
    assertEquals(1, (int) a.getAs("rank_ci_upper"));
    assertEquals(2, (int) driver("stable", "b").getAs("rank_ci_lower"));
    assertEquals(3, (int) driver("stable", "c").getAs("rank_ci_upper"));
    assertEquals("NONE", model("small").getAs("bootstrap_basis"));
    assertNull(model("small").getAs("bootstrap_replicates"));
    assertNull(driver("small", "a").getAs("importance_pct_ci_lower"));
    assertNull(driver("small", "a").getAs("beats_noise"));
  }

  /** The Poisson counts come from a hash of the response id: partitions and row order do not matter. */
  @Test
  void bootstrapIsTheSameWhateverThePartitioning() {
    DriverTables again = DriverStage.analyse(surveys.repartition(1).orderBy("satisfaction"), DRIVERS,
        List.of("stable", "offset"), settings);
    for (String unit : List.of("stable", "offset")) {
      for (String name : List.of("a", "b", "c")) {
        Row first = driver(unit, name);
        Row second = again.importance().filter("step_id = '" + unit + "' and driver = '" + name + "'").first();
        for (String column : List.of("shapley_ci_lower", "shapley_ci_upper", "importance_pct_ci_lower",
            "importance_pct_ci_upper", "relative_weight_ci_upper", "noise_p_value", "robust_std_error")) {
          double x = first.getAs(column);
          assertEquals(x, second.<Double>getAs(column), 1e-9 * Math.abs(x), unit + " " + name + " " + column);
        }
        assertEquals(first.<Integer>getAs("rank_ci_upper"), second.<Integer>getAs("rank_ci_upper"));
      }
    }
  }

  @Test
  void noBootstrapWhenTurnedOff() {
    DriverTables off = DriverStage.analyse(surveys.drop("response_id"), DRIVERS, List.of("stable"),
        new DriverSettings(settings.outcome(), 30, 0.5, 20, Map.of(), DriverSettings.Bootstrap.off()));
    Row m = off.models().first();
    assertEquals("NONE", m.getAs("bootstrap_basis"));
    Row a = off.importance().filter("driver = 'a'").first();
    assertNull(a.getAs("importance_pct_ci_lower"));
    assertTrue(a.<Double>getAs("robust_std_error") > 0, "HC3 needs no response id");
  }

  @Test
  void penaltyRewardRowsCoverEveryDriverInAModel() {
    List<Row> stable = tables.asymmetry().filter("step_id = 'stable'").orderBy("driver").collectAsList();
    assertEquals(List.of("a", "b", "c"), stable.stream().map(r -> r.<String>getAs("driver")).toList());
    long n = model("stable").getAs("n");
    for (Row r : stable) {
      assertEquals(n, (long) r.getAs("n"), "the same listwise responses");
      assertTrue(r.<Double>getAs("bottom_box_share") > 0.3, "x ~ N(5, 2): about half rate 5 or less");
    }
    // a (β 0.8): the bottom box (≤ 5) lies well below the middle (5–9).
    Row a = stable.get(0);
    assertTrue(a.<Double>getAs("penalty") > 1 && a.<Double>getAs("penalty_p_value") < 1e-6, a.toString());
    assertEquals(0, tables.asymmetry().filter("step_id = 'small'").count(), "no model, no rows");
  }

  @Test
  void importanceFollowsThePlantedEffects() {
    Row a = driver("stable", "a");
    Row b = driver("stable", "b");
    Row c = driver("stable", "c");
    assertEquals(1, (int) a.getAs("importance_rank"));
    assertEquals(2, (int) b.getAs("importance_rank"));
    assertEquals(3, (int) c.getAs("importance_rank"));
    double total = tables.importance().filter("step_id = 'stable'").selectExpr("sum(importance_pct)").first()
        .getDouble(0);
    assertEquals(100.0, total, 1e-9);
    double shapley = tables.importance().filter("step_id = 'stable'").selectExpr("sum(shapley)").first().getDouble(0);
    assertEquals(model("stable").<Double>getAs("r2"), shapley, 1e-12, "Shapley values sum to R²");
    assertEquals("SHAPLEY", model("stable").getAs("importance_basis"));
  }

  @Test
  void stepsWithoutEnoughDataGetAStatusAndNoNumbers() {
    Row small = model("small");
    assertEquals("TOO_FEW_RESPONSES", small.getAs("status"));
    assertNull(small.getAs("r2"));
    assertTrue(small.<String>getAs("explanation").contains("responses"), small.<String>getAs("explanation"));

    Row empty = model("empty");
    assertEquals("NO_DATA", empty.getAs("status"));
    assertEquals(0L, (long) empty.getAs("n"));
  }

  @Test
  void configuredDriversAreUsedAndUnknownOnesExplained() {
    Row configured = model("configured");
    assertEquals(1, (int) configured.getAs("drivers_considered"));
    assertTrue(configured.<String>getAs("explanation").contains("configured driver 'missing' is not a column"),
        configured.<String>getAs("explanation"));
  }

  @Test
  void isOneDistributedAggregation() {
    assertEquals(JourneyConformance.UNIT, "unit_id");
    var patterns = DriverStage.aggregate(SharedSpark.session().createDataFrame(List.of(
        RowFactory.create("u", 5.0, 1.0, 1.0, null, 2.0, null),
        RowFactory.create("u", 6.0, 2.0, 2.0, null, 3.0, null),
        RowFactory.create("u", 7.0, 1.0, 3.0, 1.0, null, null)), new StructType()
        .add("unit_id", DataTypes.StringType).add("satisfaction", DataTypes.DoubleType).add("weight",
            DataTypes.DoubleType)
        .add("driver_a", DataTypes.DoubleType).add("driver_b", DataTypes.DoubleType).add("driver_c",
            DataTypes.DoubleType)
        .add("driver_rare", DataTypes.DoubleType)), "satisfaction", DRIVERS);
    assertEquals(2, patterns.size(), "one group per answered-driver pattern");
    PatternMoments ac = patterns.stream().filter(p -> p.pattern() == 0b101).findFirst().orElseThrow();
    assertEquals(2, ac.moments().count());
    assertEquals(3, ac.moments().variables(), "outcome, a and c");
    assertEquals((5.0 + 12.0) / 3, ac.moments().mean(0), 1e-12);
  }
}
