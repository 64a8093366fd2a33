package io.signalchain.actions;

import io.signalchain.config.ActionMetric;
import io.signalchain.measures.stats.WeightedSums;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one step had over one period: per survey metric its weighted sums, the contacts about it
 * and their cost, and how often customers passed through it. Sums of days, so they add up.
 */
record PeriodFigures(Map<ActionMetric, WeightedSums> surveys, long contacts, double costEur, long passes) {
  static final PeriodFigures EMPTY = new PeriodFigures(new EnumMap<>(ActionMetric.class), 0, 0, 0);

  PeriodFigures {
    surveys = Map.copyOf(surveys);
  }

  WeightedSums survey(ActionMetric metric) {
    return surveys.getOrDefault(metric, WeightedSums.EMPTY);
  }

  PeriodFigures plus(PeriodFigures o) {
    Map<ActionMetric, WeightedSums> sums = new EnumMap<>(ActionMetric.class);
    for (ActionMetric m : ActionMetric.values()) {
      if (m.survey()) {
        sums.put(m, survey(m).plus(o.survey(m)));
      }
    }
    return new PeriodFigures(sums, contacts + o.contacts, costEur + o.costEur, passes + o.passes);
  }

  /** The metric's value: a weighted mean (NPS in points −100…100), or contacts or cost per 1,000 passes. */
  double value(ActionMetric metric) {
    return switch (metric) {
      case CONTACTS_PER_1000 -> passes == 0 ? Double.NaN : 1000.0 * contacts / passes;
      case CONTACT_COST -> passes == 0 ? Double.NaN : 1000.0 * costEur / passes;
      default -> survey(metric).mean();
    };
  }

  /** What the value is counted from: responses to the metric, or contacts. */
  long count(ActionMetric metric) {
    return metric.survey() ? survey(metric).n() : contacts;
  }
}
