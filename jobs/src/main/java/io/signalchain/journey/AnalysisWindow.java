package io.signalchain.journey;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.time.LocalDate;
import org.apache.spark.sql.Column;

/** The days a run analyses: {@code days} days ending on (and including) the run date. */
public record AnalysisWindow(LocalDate first, LocalDate last) {
  public static AnalysisWindow ending(LocalDate runDate, int days) {
    return new AnalysisWindow(runDate.minusDays(days - 1L), runDate);
  }

  /** True for a timestamp or date column whose (UTC) day lies in the window. */
  public Column contains(Column timeOrDate) {
    Column day = to_date(timeOrDate);
    return day.geq(lit(first.toString()).cast("date")).and(day.leq(lit(last.toString()).cast("date")));
  }
}
