package io.signalchain.report;

import static io.signalchain.report.Svg.f;

import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A team report's scorecard (team_scorecards): per step of the team its satisfaction against the
 * target, the change since the previous period, alerts, drivers to improve, top contact reasons,
 * channel-mix savings and follow-ups, then the team's total. Left out of the report of every step,
 * and when the run wrote no scorecards.
 */
final class TeamSection {
  private TeamSection() {}

  static void append(StringBuilder h, ReportData d, boolean en) {
    if (d.team() == null || d.scorecards().isEmpty()) {
      return;
    }
    h.append(en ? "<h2>The team's scorecard</h2><p class=\"note\">Per step: satisfaction against its target, the "
        + "change since the previous period (bold: significant), alerts, the drivers to improve (important, below-"
        + "average performance), the most frequent contact reasons, the saving of the target channel mix and the "
        + "open follow-ups (of which overdue). The team's total counts every step once: a sub-step is inside its "
        + "parent's figures.</p>"
        : "<h2>Scorekaart van het team</h2><p class=\"note\">Per stap: tevredenheid tegen het doel, de verandering "
        + "sinds de vorige periode (vet: significant), signalen, de drivers om te verbeteren (belangrijk, "
        + "prestatie onder het gemiddelde), de vaakste contactredenen, de besparing van de doelkanaalmix en de open "
        + "opvolgingen (waarvan te laat). Het teamtotaal telt elke stap één keer: een substap zit in de cijfers "
        + "van zijn hoofdstap.</p>")
        .append("<table><tr>").append(en
            ? "<th class=\"name\">Step</th><th>Satisfaction</th><th>Target</th><th>Change</th><th>Alerts</th>"
            + "<th class=\"text\">Drivers to improve</th><th class=\"text\">Top contact reasons</th>"
            + "<th>Contacts</th><th>Channel-mix saving €</th><th>Open follow-ups</th><th>Overdue</th>"
            : "<th class=\"name\">Stap</th><th>Tevredenheid</th><th>Doel</th><th>Verandering</th><th>Signalen</th>"
            + "<th class=\"text\">Drivers om te verbeteren</th><th class=\"text\">Vaakste contactredenen</th>"
            + "<th>Contacten</th><th>Besparing kanaalmix €</th><th>Open opvolgingen</th><th>Te laat</th>")
        .append("</tr>");
    List<Row> steps = d.scorecards().stream().filter(r -> r.getAs("step_id") != null)
        .sorted(Comparator.comparing(r -> r.<Integer>getAs("journey_position"))).toList();
    for (Row r : steps) {
      String step = r.getAs("step_id");
      row(h, r, Html.escape(en ? d.nameEn(step) : d.name(step)), d.level(step) == 2 ? "sub" : "");
    }
    d.scorecards().stream().filter(r -> r.getAs("step_id") == null).forEach(r -> row(h, r,
        "<b>Team " + Html.escape(d.team()) + "</b>", ""));
    h.append("</table>");
  }

  private static void row(StringBuilder h, Row r, String name, String css) {
    String change = number(r, "satisfaction_change", "%+.2f");
    if (Boolean.TRUE.equals(r.getAs("satisfaction_change_significant"))) {
      change = "<b>" + change + "</b>";
    }
    if (r.getAs("change_period") != null) {
      change += " <span class=\"note\">(" + Html.escape(r.getAs("change_period")) + ")</span>";
    }
    h.append(f("<tr class=\"%s\"><td class=\"name\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
            + "<td class=\"text\">%s</td><td class=\"text\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
        css, name, number(r, "satisfaction_mean", "%.2f"), number(r, "satisfaction_target", "%.1f"), change,
        number(r, "alerts", "%.0f"), text(r, "drivers_to_improve"), text(r, "top_contact_reasons"),
        number(r, "contacts", "%,.0f"), number(r, "channel_savings_eur", "%,.0f"), number(r, "open_follow_ups", "%.0f"),
        number(r, "overdue_follow_ups", "%.0f")));
  }

  private static String text(Row r, String column) {
    String value = r.getAs(column);
    return value == null || value.isEmpty() ? "–" : Html.escape(value);
  }

  private static String number(Row r, String column, String format) {
    Object value = r.getAs(column);
    return value == null ? "–" : f(format, ((Number) value).doubleValue()).replace('-', '\u2212');
  }
}
