package io.signalchain.actions;

import io.signalchain.actions.ActionEffects.ActionEffect;
import io.signalchain.config.ActionMetric;
import io.signalchain.config.ReportLanguage;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.measures.stats.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readable sentence of an action in {@code report.language}, e.g. "Nieuwe factuuruitleg (team
 * Billing, I receive my invoice): satisfaction +0.42 vs comparison steps (95 % CI +0.18 to +0.66),
 * contacts −31.0 per 1,000 passes, ≈ €2.1k less per month". The headline is the action's target
 * metric (satisfaction if it has none), with its interval; contacts and euros follow where measured,
 * marked "(n.s.)" where their interval holds 0.
 */
final class ActionSentences {
  private final SignalchainConfig config;
  private final boolean dutch;

  ActionSentences(SignalchainConfig config) {
    this.config = config;
    this.dutch = config.reportLanguage() == ReportLanguage.NL;
  }

  String sentence(ActionEffect e) {
    var a = e.action();
    String step = config.journey().step(a.stepId()).map(s -> dutch ? s.nameNl() : s.nameEn()).orElse(a.stepId());
    String head = a.title() + " (team " + a.team() + ", " + step + "): ";
    ActionMetric headline = a.targetMetric() == null ? ActionMetric.SATISFACTION : a.targetMetric();
    MetricEffect main = effect(e, headline);
    List<String> parts = new ArrayList<>();
    if (main.status() == EffectStatus.INSUFFICIENT_DATA) {
      parts.add(name(headline) + (dutch ? " niet te meten: " : " not measurable: ") + main.reason());
    } else if (main.did() == null) {
      parts.add(dutch ? "wordt gemeten vanaf " + e.periods().postFirst() : "measured from " + e.periods().postFirst());
    } else {
      String measuring = main.status() == EffectStatus.MEASURING
          ? (dutch ? "nog in meting tot " + e.periods().postLast() + ", tot nu toe: "
              : "still measuring until " + e.periods().postLast() + ", so far: ") : "";
      parts.add(measuring + name(headline) + " " + signed(main.did().difference(), headline)
          + (dutch ? " t.o.v. vergelijkingsstappen (95%-BI " : " vs comparison steps (95 % CI ")
          + signed(main.did().ciLow(), headline) + (dutch ? " tot " : " to ") + signed(main.did().ciHigh(), headline)
          + ")");
    }
    MetricEffect contacts = effect(e, ActionMetric.CONTACTS_PER_1000);
    if (headline != ActionMetric.CONTACTS_PER_1000 && contacts.did() != null) {
      parts.add((dutch ? "contacten " : "contacts ")
          + signed(contacts.did().difference(), ActionMetric.CONTACTS_PER_1000)
          + (dutch ? " per 1.000 doorgangen" : " per 1,000 passes") + notSignificant(contacts.did()));
    }
    MetricEffect cost = effect(e, ActionMetric.CONTACT_COST);
    if (cost.euroPerMonth() != null) {
      double euros = cost.euroPerMonth().difference();
      parts.add("≈ " + euros(Math.abs(euros)) + " " + (euros <= 0 ? (dutch ? "minder" : "less")
          : (dutch ? "meer" : "more")) + (dutch ? " per maand" : " per month") + notSignificant(cost.euroPerMonth()));
    }
    String text = head + String.join(", ", parts);
    if (!e.overlapping().isEmpty()) {
      text += dutch ? "; samen gemeten met " + String.join(", ", e.overlapping()) + " (gedeeld effect, niet optellen)"
          : "; measured together with " + String.join(", ", e.overlapping()) + " (a shared effect, not to be added up)";
    }
    return text;
  }

  /** " (n.s.)" where the 95 % interval holds 0: the figure may as well be chance. */
  private static String notSignificant(Change c) {
    return c.ciLow() <= 0 && 0 <= c.ciHigh() ? " (n.s.)" : "";
  }

  private static MetricEffect effect(ActionEffect e, ActionMetric metric) {
    return e.metrics().stream().filter(m -> m.metric() == metric).findFirst().orElseThrow();
  }

  String name(ActionMetric m) {
    return switch (m) {
      case SATISFACTION -> dutch ? "tevredenheid" : "satisfaction";
      case NPS -> "NPS";
      case EFFORT -> dutch ? "klantinspanning" : "effort";
      case RETENTION_INTENT -> dutch ? "blijfintentie" : "retention intent";
      case CONTACTS_PER_1000 -> dutch ? "contacten per 1.000 doorgangen" : "contacts per 1,000 passes";
      case CONTACT_COST -> dutch ? "contactkosten per 1.000 doorgangen" : "contact cost per 1,000 passes";
    };
  }

  /** A signed number with a real minus sign, in the metric's precision, with a decimal comma in Dutch. */
  String signed(double x, ActionMetric metric) {
    int decimals = metric == ActionMetric.NPS || metric == ActionMetric.CONTACTS_PER_1000 ? 1 : 2;
    String s = String.format(Locale.ROOT, "%+." + decimals + "f", x);
    if (s.matches("[+-]0[.,]0+")) {
      s = s.substring(1);
    }
    s = s.replace('-', '\u2212');
    return dutch ? s.replace('.', ',') : s;
  }

  /** €640, €2.1k, €1.3M (decimal comma in Dutch). */
  String euros(double amount) {
    String s;
    if (amount < 1000) {
      s = String.format(Locale.ROOT, "%.0f", amount);
    } else if (amount < 1_000_000) {
      s = String.format(Locale.ROOT, "%.1fk", amount / 1000);
    } else {
      s = String.format(Locale.ROOT, "%.1fM", amount / 1_000_000);
    }
    return "€" + (dutch ? s.replace('.', ',') : s);
  }
}
