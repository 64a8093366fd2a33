package io.signalchain.monitoring;

import io.signalchain.config.SignalchainConfig;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Monitoring every step over time (docs/monitoring.md): kpi_trends per step and period over all
 * the history up to the run date, and kpi_alerts with the change of the last complete period and
 * its significance. One aggregation per input; the rest is arithmetic on the steps × periods sums.
 */
public final class Monitoring {
  private Monitoring() {}

  /** The two tables of one run. */
  public record Tables(Dataset<Row> trends, Dataset<Row> alerts) {}

  /**
   * @param surveys accepted survey responses (all history, not windowed), on their step ids
   * @param contactDays the contacts summed per day ({@code ContactDays}, all history)
   * @param volumes accepted process volumes (all history)
   * @param units every step reported on, in journey order
   */
  public static Tables compute(Dataset<Row> surveys, Dataset<Row> contactDays, Dataset<Row> volumes,
      List<String> units, LocalDate runDate, SignalchainConfig config) {
    List<PeriodAggregate> periods = PeriodSums.of(surveys, contactDays, volumes, runDate, config);
    var spark = surveys.sparkSession();
    return new Tables(KpiTrends.table(spark, periods, runDate, config),
        KpiAlerts.table(spark, KpiAlerts.changes(periods, units, runDate, config), config));
  }
}
