package io.signalchain.drivers;

import io.signalchain.drivers.stats.ChowTest;
import io.signalchain.drivers.stats.Moments;
import io.signalchain.drivers.stats.ModelStatus;
import io.signalchain.drivers.stats.RegressionFit;
import io.signalchain.drivers.stats.WeightedOls;
import java.util.List;

/**
 * One segment of a step against the rest of the step: both fitted on the drivers of the step's
 * model, over the step's listwise responses, and the Chow test of the difference.
 *
 * @param adjustedP the Chow p value adjusted by Benjamini–Hochberg over all steps × segments
 *     (NaN until adjusted, or without a test)
 */
record SegmentModel(String unit, String segment, RegressionFit fit, RegressionFit rest, ChowTest chow,
    double adjustedP) {

  /**
   * @param pooled, segment, rest moments of the outcome and the model's drivers
   * @param drivers the names of the model's drivers
   */
  static SegmentModel of(String unit, String name, RegressionFit pooledFit, Moments pooled, Moments segment,
      Moments rest, List<String> drivers, int minResponses) {
    RegressionFit segmentFit = WeightedOls.fit(segment, drivers, minResponses, WeightedOls.RESPONSES_PER_DRIVER);
    RegressionFit restFit = WeightedOls.fit(rest, drivers, minResponses, WeightedOls.RESPONSES_PER_DRIVER);
    return new SegmentModel(unit, name, segmentFit, restFit,
        ChowTest.of(pooledFit, pooled, segmentFit, segment, restFit, rest), Double.NaN);
  }

  SegmentModel adjusted(double p) {
    return new SegmentModel(unit, segment, fit, rest, chow, p);
  }

  /** OK when the test was done; else the segment's (or the rest's) model status. */
  String status() {
    if (!Double.isNaN(chow.f())) {
      return ModelStatus.OK.name();
    }
    return fit.status() != ModelStatus.OK ? fit.status().name() : "REST_" + rest.status().name();
  }

  String explanation() {
    if (!Double.isNaN(chow.f())) {
      return "Segment " + fit.n() + " and rest " + rest.n() + " responses, each fitted on the step's "
          + (chow.df1() - 1) + " drivers.";
    }
    if (fit.status() != ModelStatus.OK) {
      return "The segment has no model: " + fit.explanation();
    }
    if (rest.status() != ModelStatus.OK) {
      return "The rest of the step has no model: " + rest.explanation();
    }
    return "The segment or the rest drops a driver of the step's model, so the models cannot be compared.";
  }
}
