package io.signalchain.drivers.stats;

/**
 * Chow-type F test of whether one segment's regression differs from the rest of the step's: the
 * same drivers fitted on the segment, on the rest and on both pooled (all with the weights).
 * {@code F = ((RSS_pooled − RSS_segment − RSS_rest) / p) / ((RSS_segment + RSS_rest) / (n − 2p))}
 * with p = k + 1 coefficients; under equal coefficients (and equal residual variance) it is F(p, n − 2p).
 *
 * @param f the F statistic (NaN when the test could not be done)
 * @param df1 p
 * @param df2 n − 2p
 * @param pValue P(F(df1, df2) &gt; f)
 */
public record ChowTest(double f, int df1, int df2, double pValue) {

  /** Not computed. */
  public static final ChowTest NA = new ChowTest(Double.NaN, 0, 0, Double.NaN);

  /**
   * @param pooled fit of the segment and the rest together
   * @param segment fit of the segment alone, on the same drivers
   * @param rest fit of the rest alone, on the same drivers
   * @param pooledMoments, segmentMoments, restMoments their moments (for the residual sums of squares)
   */
  public static ChowTest of(RegressionFit pooled, Moments pooledMoments, RegressionFit segment, Moments segmentMoments,
      RegressionFit rest, Moments restMoments) {
    int p = pooled.includedDrivers() + 1;
    if (!pooled.fitted() || !segment.fitted() || !rest.fitted() || segment.includedDrivers() + 1 != p
        || rest.includedDrivers() + 1 != p) {
      return NA;
    }
    double rssPooled = (1 - pooled.r2()) * pooledMoments.comoment(0, 0);
    double rssSegment = (1 - segment.r2()) * segmentMoments.comoment(0, 0);
    double rssRest = (1 - rest.r2()) * restMoments.comoment(0, 0);
    long n = segment.n() + rest.n();
    int df2 = (int) (n - 2L * p);
    if (df2 < 1 || !(rssSegment + rssRest > 0)) {
      return NA;
    }
    double f = Math.max(0, (rssPooled - rssSegment - rssRest) / p) / ((rssSegment + rssRest) / df2);
    return new ChowTest(f, p, df2, WeightedOls.fUpperTail(f, p, df2));
  }
}
