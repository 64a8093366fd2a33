package io.signalchain.report;

import static io.signalchain.report.Svg.f;

import java.sql.Date;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * "Wat leveren onze acties op?": per improvement action (action_effects) its effect on its target
 * metric against the comparison steps with the 95 % interval, its change in contacts per 1,000
 * passes and in euros per month, and its status; measuring actions marked as such, actions
 * measured together said so. Without actions the section is left out.
 */
final class ActionsSection {
  private ActionsSection() {}

  static void append(StringBuilder h, ReportData d, boolean en) {
    if (d.actions().isEmpty()) {
      return;
    }
    Map<String, Map<String, Row>> byAction = new LinkedHashMap<>();
    d.actions().stream().sorted(Comparator.comparing((Row r) -> r.<Date>getAs("started_on"))
            .thenComparing(r -> r.<String>getAs("action_id")))
        .forEach(r -> byAction.computeIfAbsent(r.getAs("action_id"), k -> new LinkedHashMap<>())
            .put(r.getAs("metric"), r));
    h.append(en ? "<h2>What do our actions deliver?</h2>" : "<h2>Wat leveren onze acties op?</h2>")
        .append(en ? "<p class=\"note\">Per action the change on its step after the start, minus the mean change of "
            + "the top-level steps without an action in the same weeks (difference-in-differences), with its 95 % "
            + "interval. Significant effects in bold; negative euros are savings.</p>"
            : "<p class=\"note\">Per actie de verandering op de stap na de start, min de gemiddelde verandering van de "
            + "hoofdstappen zonder actie in dezelfde weken (verschil-in-verschillen), met het 95%-interval. "
            + "Significante effecten vet; negatieve euro's zijn besparingen.</p>")
        .append("<table><tr>").append(en
            ? "<th class=\"name\">Action</th><th class=\"name\">Step</th><th class=\"name\">Metric</th><th>Effect</th>"
            + "<th>95 % interval</th><th>Contacts per 1,000</th><th>€ per month</th><th class=\"name\">Status</th>"
            : "<th class=\"name\">Actie</th><th class=\"name\">Stap</th><th class=\"name\">Maat</th><th>Effect</th>"
            + "<th>95%-interval</th><th>Contacten per 1.000</th><th>€ per maand</th><th class=\"name\">Status</th>")
        .append("</tr>");
    for (Map<String, Row> metrics : byAction.values()) {
      Row any = metrics.values().iterator().next();
      String target = any.getAs("target_metric");
      Row main = metrics.getOrDefault(target == null ? "satisfaction" : target, any);
      Row contacts = metrics.get("contacts_per_1000");
      Row cost = metrics.get("contact_cost");
      String step = any.getAs("step_id");
      boolean significant = main.getAs("did_p_value") != null && main.<Double>getAs("did_p_value") < 0.05;
      String effect = fmt(main, "did", "%+.2f");
      h.append(f("<tr><td class=\"name\">%s<br><span class=\"note\">team %s</span></td><td class=\"name\">%s</td>"
              + "<td class=\"name\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"name\">%s</td></tr>",
          Html.escape(any.getAs("title")), Html.escape(any.getAs("team")),
          Html.escape(en ? d.nameEn(step) : d.name(step)), Html.escape(main.getAs("metric")),
          significant ? "<b>" + effect + "</b>" : effect,
          fmt(main, "did_ci_low", "%+.2f") + " … " + fmt(main, "did_ci_high", "%+.2f"),
          contacts == null ? "–" : fmt(contacts, "did", "%+.1f"),
          cost == null ? "–" : fmt(cost, "euro_per_month", "%+,.0f"), Html.escape(status(main, en))));
    }
    // The table, not action_effects' sentences: those are in the language of the run that wrote them.
    h.append("</table>");
  }

  private static String status(Row r, boolean en) {
    String status = r.getAs("status");
    String shared = r.getAs("overlapping_actions") == null ? ""
        : (en ? "; together with " : "; samen met ") + r.getAs("overlapping_actions");
    return switch (status) {
      case "OK" -> (en ? "measured" : "gemeten") + shared;
      case "MEASURING" -> (en ? "measuring until " : "in meting tot ") + r.getAs("post_end") + shared;
      default -> (en ? "not measurable: " : "niet te meten: ") + r.getAs("status_reason") + shared;
    };
  }

  private static String fmt(Row r, String column, String format) {
    Object value = r.getAs(column);
    return value == null ? "–" : f(format, ((Number) value).doubleValue()).replace('-', '\u2212');
  }
}
