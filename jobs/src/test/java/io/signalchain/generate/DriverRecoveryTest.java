package io.signalchain.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The planted driver order comes back out of the generated data with a plain regression, from
 * about 250 responses per step — the analysis has something real to find.
 */
class DriverRecoveryTest {

  @Test
  void plainRegressionRecoversThePlantedTopThreeDriversPerStep() {
    // The first 6,000 responses of the committed sample (SampleGeneratorTest checks it is the
    // generator's output): 210–600 per leaf step.
    Path sample = Files.exists(Path.of("data-samples")) ? Path.of("data-samples") : Path.of("../data-samples");
    Map<String, List<Row>> byStep = GeneratorFixtures.readCsv(sample.resolve("survey_responses.csv")).stream()
        .limit(6_000)
        .filter(r -> r.getAs("step_id") != null && PlantedEffects.STEPS.containsKey(r.<String>getAs("step_id")))
        .collect(Collectors.groupingBy(r -> r.getAs("step_id")));

    for (String step : PlantedEffects.STEPS.keySet()) {
      List<String> planted = PlantedEffects.expectedDriverOrder(step);
      List<double[]> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Row r : byStep.get(step)) {
        Double y = number(r.getAs("satisfaction"), 1, 10);
        double[] x = new double[planted.size()];
        boolean complete = y != null;
        for (int j = 0; j < x.length && complete; j++) {
          Double v = number(r.getAs("driver_" + planted.get(j)), 1, 10);
          complete = v != null;
          x[j] = complete ? v : 0;
        }
        if (complete) {
          xs.add(x);
          ys.add(y);
        }
      }
      assertTrue(xs.size() >= 150, step + " has " + xs.size() + " complete responses");
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(ys.stream().mapToDouble(Double::doubleValue).toArray(), xs.toArray(new double[0][]));
      double[] b = ols.estimateRegressionParameters();
      List<String> recovered = IntStream.range(0, planted.size()).boxed()
          .sorted(Comparator.comparingDouble((Integer j) -> -b[j + 1]))
          .map(planted::get).toList();
      assertEquals(planted.subList(0, 3), recovered.subList(0, 3), step + " coefficients " + Arrays.toString(b));
      assertTrue(ols.calculateRSquared() > 0.5 && ols.calculateRSquared() < 0.95, step + " R² "
          + ols.calculateRSquared());
    }
  }

  /** The value when it is a number within [min, max]; broken and empty cells count as missing. */
  private static Double number(String s, double min, double max) {
    if (s == null || !GeneratorFixtures.parsesAsDouble(s)) {
      return null;
    }
    double d = Double.parseDouble(s);
    return d >= min && d <= max ? d : null;
  }
}
