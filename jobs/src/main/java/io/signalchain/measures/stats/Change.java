package io.signalchain.measures.stats;

/**
 * A change between two estimates: {@code difference} = current − reference with its standard
 * error, its 95 % interval, the test statistic (t or z), its degrees of freedom (NaN for a
 * normal test) and the two-sided p-value.
 */
public record Change(double difference, double standardError, double ciLow, double ciHigh, double statistic,
    double df, double pValue) {}
