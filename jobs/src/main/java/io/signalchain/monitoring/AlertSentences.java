package io.signalchain.monitoring;

import io.signalchain.config.ReportLanguage;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.config.TrendPeriod;
import io.signalchain.journey.JourneyConformance;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The readable sentence of a change in {@code report.language}, e.g. "Ik betaal: tevredenheid
 * 6,1 in week 43, 0,6 lager dan de basislijn van 8 weken (6,7) (95%-BI −0,9 tot −0,3; q = 0,002)"
 * or in English "Pay: satisfaction 6.1 in week 43, 0.6 below its 8-week baseline 6.7 (95 % CI
 * −0.9 to −0.3; q = 0.002)".
 */
final class AlertSentences {
  private static final Locale DUTCH = Locale.forLanguageTag("nl");
  private final SignalchainConfig config;
  private final boolean dutch;

  AlertSentences(SignalchainConfig config) {
    this.config = config;
    this.dutch = config.reportLanguage() == ReportLanguage.NL;
  }

  String sentence(MetricChange c, double q, boolean crossedTarget) {
    String head = stepName(c.unit()) + ": " + metricName(c.metric());
    String period = period(c.type(), c.periodStart());
    String reference = referenceName(c);
    String text = switch (c.status()) {
      case OK -> head + " " + number(c.value()) + " in " + period + ", " + number(Math.abs(c.change().difference()))
          + " " + direction(c.change().difference()) + " " + referenceWithValue(c) + " (" + interval(c) + "; q "
          + q(q) + ")";
      case NO_DATA -> head + (dutch ? ": geen antwoorden in " : ": no answers in ") + period;
      case NO_REFERENCE -> head + (dutch ? ": geen antwoorden in " : ": no answers in ") + reference
          + (dutch ? ", niet getoetst" : ", not tested");
      case TOO_FEW_RESPONSES -> head + (dutch
          ? String.format(Locale.ROOT, " niet getoetst: %d antwoorden in %s en %d in %s; minstens %d per kant nodig",
              c.responses(), period, c.referenceResponses(), reference, config.monitoring().minResponses())
          : String.format(Locale.ROOT, " not tested: %d answers in %s and %d in %s; at least %d on each side needed",
              c.responses(), period, c.referenceResponses(), reference, config.monitoring().minResponses()));
      case NO_VOLUME -> head + (dutch ? " niet getoetst: geen doorgangen in " : " not tested: no passes in ")
          + period + (dutch ? " of " : " or ") + reference;
      case NO_VARIATION -> head + (dutch ? " niet getoetst: geen spreiding in " : " not tested: no variation in ")
          + period + (dutch ? " en " : " and ") + reference;
    };
    if (crossedTarget) {
      text += dutch ? "; onder het doel " + number(c.target()) : "; below its target " + number(c.target());
    }
    return text;
  }

  private String direction(double difference) {
    return difference < 0 ? (dutch ? "lager dan" : "below") : (dutch ? "hoger dan" : "above");
  }

  private String referenceWithValue(MetricChange c) {
    if (c.comparison() == Comparison.PREVIOUS) {
      return referenceName(c) + " (" + number(c.referenceValue()) + ")";
    }
    return dutch ? "de " + referenceName(c) + " (" + number(c.referenceValue()) + ")"
        : "its " + referenceName(c) + " " + number(c.referenceValue());
  }

  /** "week 42", or "8-week baseline" / "basislijn van 8 weken". */
  private String referenceName(MetricChange c) {
    if (c.comparison() == Comparison.PREVIOUS) {
      return period(c.type(), c.referenceLast());
    }
    int n = c.referencePeriods();
    boolean week = c.type() == TrendPeriod.WEEK;
    return dutch ? "basislijn van " + n + (week ? (n == 1 ? " week" : " weken") : (n == 1 ? " maand" : " maanden"))
        : n + (week ? "-week" : "-month") + " baseline";
  }

  private String interval(MetricChange c) {
    String lo = number(c.change().ciLow());
    String hi = number(c.change().ciHigh());
    return dutch ? "95%-BI " + lo + " tot " + hi : "95 % CI " + lo + " to " + hi;
  }

  private String q(double q) {
    if (q < 0.001) {
      return dutch ? "< 0,001" : "< 0.001";
    }
    return "= " + localised(String.format(Locale.ROOT, "%.3f", q));
  }

  /** One decimal, a real minus sign, a decimal comma in Dutch. */
  String number(double x) {
    String s = String.format(Locale.ROOT, "%.1f", x);
    if (s.equals("-0.0")) {
      s = "0.0";
    }
    return localised(s.replace('-', '\u2212'));
  }

  private String localised(String s) {
    return dutch ? s.replace('.', ',') : s;
  }

  String period(TrendPeriod type, LocalDate start) {
    if (type == TrendPeriod.WEEK) {
      return "week " + start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }
    return start.getMonth().getDisplayName(TextStyle.FULL, dutch ? DUTCH : Locale.ENGLISH) + " " + start.getYear();
  }

  String metricName(Metric m) {
    if (m == Metric.INDEX && config.index().configured()) {
      return config.index().name();
    }
    return m.name(dutch);
  }

  String stepName(String unit) {
    if (unit.equals(JourneyConformance.UNCLASSIFIED)) {
      return dutch ? "Niet geclassificeerd" : "Not classified to a step";
    }
    return config.journey().step(unit).map(s -> dutch ? s.nameNl() : s.nameEn()).orElse(unit);
  }
}
