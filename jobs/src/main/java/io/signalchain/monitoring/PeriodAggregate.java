package io.signalchain.monitoring;

import io.signalchain.config.TrendPeriod;
import io.signalchain.measures.stats.WeightedSums;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One step's sums over one period: per survey metric its {@link WeightedSums}, the contacts by
 * type with their cost, and the passes. Baselines are sums of periods ({@link #plus}).
 */
record PeriodAggregate(String unit, TrendPeriod type, LocalDate start, Map<Metric, WeightedSums> surveys,
    long contacts, long complaints, long questions, long requests, long compliments, double contactCostEur,
    long volume) {

  PeriodAggregate {
    Map<Metric, WeightedSums> all = new EnumMap<>(Metric.class);
    for (Metric m : Metric.SURVEY) {
      all.put(m, surveys.getOrDefault(m, WeightedSums.EMPTY));
    }
    surveys = all;
  }

  static PeriodAggregate empty(String unit, TrendPeriod type, LocalDate start) {
    return new PeriodAggregate(unit, type, start, Map.of(), 0, 0, 0, 0, 0, 0, 0);
  }

  WeightedSums sums(Metric m) {
    return surveys.get(m);
  }

  long responses() {
    return sums(Metric.SATISFACTION).n();
  }

  boolean hasData() {
    return responses() > 0 || contacts > 0 || volume > 0;
  }

  PeriodAggregate plus(PeriodAggregate o) {
    Map<Metric, WeightedSums> sum = new EnumMap<>(Metric.class);
    for (Metric m : Metric.SURVEY) {
      sum.put(m, sums(m).plus(o.sums(m)));
    }
    return new PeriodAggregate(unit, type, start, sum, contacts + o.contacts, complaints + o.complaints,
        questions + o.questions, requests + o.requests, compliments + o.compliments,
        contactCostEur + o.contactCostEur, volume + o.volume);
  }

  LocalDate end() {
    return end(type, start);
  }

  static LocalDate startOf(TrendPeriod type, LocalDate day) {
    return type == TrendPeriod.WEEK ? day.with(DayOfWeek.MONDAY) : day.withDayOfMonth(1);
  }

  static LocalDate end(TrendPeriod type, LocalDate start) {
    return type == TrendPeriod.WEEK ? start.plusDays(6) : start.plusMonths(1).minusDays(1);
  }

  static LocalDate previous(TrendPeriod type, LocalDate start) {
    return type == TrendPeriod.WEEK ? start.minusWeeks(1) : start.minusMonths(1);
  }

  /** 2026-W43 (ISO week) or 2026-10. */
  static String label(TrendPeriod type, LocalDate start) {
    return type == TrendPeriod.WEEK
        ? String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
            start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
        : String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
  }
}
