package io.signalchain.drivers;

import io.signalchain.drivers.stats.ChowTest;
import io.signalchain.drivers.stats.ImportanceDifference;
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
 * @param difference the bootstrap difference in importance against the rest (null without a
 *     bootstrap)
 * @param importanceDriver the name of the driver {@code difference} reports (null without one)
 * @param importanceAdjustedP its p value adjusted by Benjamini–Hochberg over all steps × segments
 */
record SegmentModel(String unit, String segment, RegressionFit fit, RegressionFit rest, ChowTest chow,
    double adjustedP, ImportanceDifference difference, String importanceDriver, double importanceAdjustedP) {

  /**
   * @param pooled, segment, rest moments of the outcome and the model's drivers
   * @param drivers the names of the model's drivers
   */
  static SegmentModel of(String unit, String name, RegressionFit pooledFit, Moments pooled, Moments segment,
      Moments rest, List<String> drivers, int minResponses) {
    RegressionFit segmentFit = WeightedOls.fit(segment, drivers, minResponses, WeightedOls.RESPONSES_PER_DRIVER);
    RegressionFit restFit = WeightedOls.fit(rest, drivers, minResponses, WeightedOls.RESPONSES_PER_DRIVER);
    return new SegmentModel(unit, name, segmentFit, restFit,
        ChowTest.of(pooledFit, pooled, segmentFit, segment, restFit, rest), Double.NaN, null, null, Double.NaN);
  }

  /** With the difference in importance; {@code drivers} are the step model's drivers, in order. */
  SegmentModel withDifference(ImportanceDifference d, List<String> drivers) {
    if (d != null && Double.isNaN(chow.f())) {
      // Only a segment whose model is compared with the rest's has its importance compared too.
      d = ImportanceDifference.NONE;
    }
    String driver = d == null || d.driver() < 0 ? null : drivers.get(d.driver());
    return new SegmentModel(unit, segment, fit, rest, chow, adjustedP, d, driver, importanceAdjustedP);
  }

  SegmentModel adjusted(double p, double importanceP) {
    return new SegmentModel(unit, segment, fit, rest, chow, p, difference, importanceDriver, importanceP);
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
