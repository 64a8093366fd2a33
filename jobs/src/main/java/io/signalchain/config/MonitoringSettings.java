package io.signalchain.config;

import java.util.List;

/**
 * How kpi_trends and kpi_alerts follow every step over time.
 *
 * @param periods the periods the history is rolled up to (week, month)
 * @param baselinePeriods how many complete periods before the last one form its baseline
 * @param alertFdr the Benjamini–Hochberg q below which a worsening is significant (and alerted)
 * @param minResponses fewest responses in each compared period for a survey metric to be tested
 */
public record MonitoringSettings(List<TrendPeriod> periods, int baselinePeriods, double alertFdr, int minResponses) {
  public MonitoringSettings {
    periods = List.copyOf(periods);
  }
}
