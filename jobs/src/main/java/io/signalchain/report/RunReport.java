package io.signalchain.report;

import static io.signalchain.report.Svg.f;

import io.signalchain.config.ReportLanguage;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * One self-contained HTML page per run: where to start (top 3), priority over all steps, the KPI
 * table, per step its drivers' importance against performance, and the channel-mix gaps. Charts
 * are inline SVG; the page loads nothing from anywhere. A pure function of {@link ReportData}.
 * Every heading, note, label and step name is in {@code report.language}: Dutch (the journey's
 * step names) or English; the top-3 explanations, written in English by step_priority, are put
 * into Dutch by {@link #dutchExplanation}.
 */
public final class RunReport {
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px 40px;color:#1d2733}
      h1{margin-bottom:0}h2{margin-top:36px;border-bottom:2px solid #dfe6ee;padding-bottom:4px}
      .meta{color:#5a6b7d}.cards{display:flex;gap:16px;flex-wrap:wrap}
      .card{border:1px solid #cfd9e3;border-radius:8px;padding:12px 16px;max-width:360px;background:#f7fafc}
      .card b{font-size:1.1em}table{border-collapse:collapse;font-size:0.9em}
      th,td{padding:4px 10px;border-bottom:1px solid #e6ecf2;text-align:right}th{background:#eef3f8}
      td.name,th.name,td.text,th.text{text-align:left}tr.sub td.name{padding-left:28px;color:#44546a}
      .bar{fill:#3a78b5}.axis{stroke:#7b8a99}.split{stroke:#b9c4cf;stroke-dasharray:4 3}
      .sig{fill:#c0392b}.nonsig{fill:#fff;stroke:#c0392b;stroke-width:2}.interval{stroke:#c0392b;stroke-width:1.5}
      .penalty{fill:#c0392b}.reward{fill:#2e8b57}.over{fill:#d9822b}.under{fill:#3a78b5}
      .quadrant,.tick,.axis-label{fill:#7b8a99;font-size:11px}svg text{font-size:12px}
      .steps{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:20px}
      .note{color:#5a6b7d;font-size:0.9em}.band{fill:#3a78b5;fill-opacity:0.18}.trend{fill:none;stroke:#3a78b5}
      .alerts{border-left:4px solid #c0392b;background:#fdf3f2;padding:8px 16px}""";
  /** Periods a trend chart shows at most, the most recent ones. */
  private static final int TREND_PERIODS = 26;

  private RunReport() {}

  public static String html(ReportData d) {
    return html(d, ReportLanguage.NL);
  }

  /** The report in {@code language}, every section. */
  public static String html(ReportData d, ReportLanguage language) {
    boolean en = language == ReportLanguage.EN;
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"" + language.key()
        + "\"><head><meta charset=\"utf-8\">")
        .append("<title>Signalchain ").append(d.runDate()).append(team(d, " · team ")).append("</title><style>")
        .append(STYLE).append("</style></head><body>")
        .append(en ? "<h1>Signalchain — customer signals per journey step" : "<h1>Signalchain — klantsignalen per "
            + "klantketenstap").append(team(d, " — team ")).append("</h1>")
        .append(f(en ? "<p class=\"meta\">Run date %s · window %s to %s · run %s</p>"
            : "<p class=\"meta\">Rundatum %s · venster %s t/m %s · run %s</p>", d.runDate(), d.windowStart(),
            d.windowEnd(), Html.escape(d.runId())));
    if (d.team() != null) {
      h.append(f(en ? "<p class=\"meta\">The steps of team %s only.</p>"
          : "<p class=\"meta\">Alleen de stappen van team %s.</p>", Html.escape(d.team())));
    }
    TeamSection.append(h, d, en);
    alerts(h, d, en);
    topThree(h, d, en);
    priority(h, d, en);
    kpis(h, d, en);
    trends(h, d, en);
    ActionsSection.append(h, d, en);
    drivers(h, d, en);
    penaltyReward(h, d, en);
    segments(h, d, en);
    channelMix(h, d, en);
    return h.append("</body></html>\n").toString();
  }

  /** {@code prefix} and the team of a team report, else nothing. */
  private static String team(ReportData d, String prefix) {
    return d.team() == null ? "" : prefix + Html.escape(d.team());
  }

  /**
   * Whether a step has its own card, bar and channel rows: the top-level steps in the report of
   * every step (a sub-step is inside its parent's), each of its steps in a team's report.
   */
  private static boolean shown(ReportData d, String step) {
    return d.team() != null ? d.steps().containsKey(step) : d.level(step) == 1;
  }

  /** A step's name in the report's language. */
  private static String name(ReportData d, String step, boolean en) {
    return en ? d.nameEn(step) : d.name(step);
  }

  /**
   * step_priority's explanation (English, built by StepPriority from fixed phrases) in Dutch:
   * "contact cost €19k (rank 3 of 11); satisfaction 5.0 vs target 7.5 (rank 1 of 11); 7.4k passes
   * (rank 10 of 11)" → "contactkosten €19k (rang 3 van 11); tevredenheid 5,0 tegen doel 7,5 (rang 1
   * van 11); 7,4k doorgangen (rang 10 van 11)".
   */
  static String dutchExplanation(String english) {
    if (english == null) {
      return "";
    }
    String[][] phrases = {
        {"contact cost ", "contactkosten "},
        {" vs target ", " tegen doel "},
        {"% of answers outside the top 2", "% van de antwoorden buiten de top 2"},
        {"satisfaction ", "tevredenheid "},
        {" passes", " doorgangen"},
        {"no contacts", "geen contacten"},
        {"no survey responses", "geen enquêtereacties"},
        {"no process volume", "geen procesvolume"},
        {"not ranked: no signal with a weight", "niet gerangschikt: geen signaal met een gewicht"},
        {"experience", "ervaring"},
        {"euros", "euro's"},
        {" and ", " en "},
    };
    String dutch = english.replaceAll("\\(rank (\\d+) of (\\d+)\\)", "(rang $1 van $2)")
        .replaceAll("ranked on (.*) only", "alleen gerangschikt op $1");
    for (String[] p : phrases) {
      dutch = dutch.replace(p[0], p[1]);
    }
    return dutch.replaceAll("(\\d)\\.(\\d)", "$1,$2");
  }

  /** The run's alerts first: what got significantly worse, or fell below its target. */
  private static void alerts(StringBuilder h, ReportData d, boolean en) {
    h.append(en ? "<h2>Alerts: what got worse?</h2>" : "<h2>Signalen: wat werd er slechter?</h2>");
    if (d.alerts().isEmpty()) {
      h.append(en ? "<p class=\"note\">No significant worsening and no step below its target in the last complete "
          + "period.</p>" : "<p class=\"note\">Geen significante verslechtering en geen stap onder zijn doel in de "
          + "laatste volledige periode.</p>");
      return;
    }
    h.append("<div class=\"alerts\"><ul>");
    d.alerts().stream().sorted(Comparator.comparing(r -> r.<Double>getAs("q_value"),
            Comparator.nullsLast(Comparator.naturalOrder())))
        .forEach(r -> h.append("<li>").append(Html.escape(r.getAs("sentence"))).append("</li>"));
    h.append("</ul></div>");
  }

  /** Per step its weekly (else monthly) satisfaction with the 95 % interval as a band. */
  private static void trends(StringBuilder h, ReportData d, boolean en) {
    if (d.trends().isEmpty()) {
      return;
    }
    boolean weeks = d.trends().stream().anyMatch(r -> "week".equals(r.getAs("period_type")));
    String type = weeks ? "week" : "month";
    h.append(en ? "<h2>Satisfaction over time</h2>" : "<h2>Tevredenheid door de tijd</h2>")
        .append(en ? f("<p class=\"note\">Per %s the weighted mean satisfaction with its 95 %% interval (band); a "
            + "hollow point is a period not yet complete.</p>", type)
            : f("<p class=\"note\">Per %s de gewogen gemiddelde tevredenheid met het 95%%-interval (band); een open "
            + "punt is een periode die nog niet compleet is.</p>", weeks ? "week" : "maand"))
        .append("<div class=\"steps\">");
    Map<String, List<Row>> byStep = d.trends().stream().filter(r -> type.equals(r.getAs("period_type")))
        .collect(Collectors.groupingBy(r -> r.getAs("step_id")));
    for (String step : d.steps().keySet()) {
      List<Row> rows = byStep.getOrDefault(step, List.of()).stream()
          .sorted(Comparator.comparing(r -> r.<Date>getAs("period_start"))).toList();
      rows = rows.subList(Math.max(0, rows.size() - TREND_PERIODS), rows.size());
      List<Svg.TrendPoint> points = rows.stream().map(r -> new Svg.TrendPoint(r.getAs("period"),
          number(r, "satisfaction_mean"), number(r, "satisfaction_ci_low"), number(r, "satisfaction_ci_high"),
          Boolean.TRUE.equals(r.getAs("partial")))).toList();
      if (points.stream().noneMatch(p -> Double.isFinite(p.mean()))) {
        continue;
      }
      String name = en ? d.nameEn(step) : d.name(step);
      h.append("<div><h3>").append(Html.escape(name)).append("</h3>").append(Svg.trend(points, name)).append("</div>");
    }
    h.append("</div>");
  }

  private static void topThree(StringBuilder h, ReportData d, boolean en) {
    h.append(en ? "<h2>Where do we start? The top 3</h2>" : "<h2>Waar beginnen we? De top 3</h2>");
    List<Row> top = d.priority().stream().filter(r -> Boolean.TRUE.equals(r.getAs("is_top"))
        && shown(d, r.getAs("step_id")))
        .sorted(Comparator.comparing(r -> r.<Integer>getAs("priority_rank"))).toList();
    if (top.isEmpty() && d.team() != null) {
      h.append(en ? "<p class=\"note\">None of the team's steps is in a top 3 of its steps.</p>"
          : "<p class=\"note\">Geen van de stappen van het team staat in een top 3.</p>");
      return;
    }
    if (top.isEmpty()) {
      h.append(en ? "<p class=\"note\">No priorities in this run (table step_priority is missing).</p>"
          : "<p class=\"note\">Geen prioriteiten in deze run (tabel step_priority ontbreekt).</p>");
      return;
    }
    h.append("<div class=\"cards\">");
    for (Row r : top) {
      h.append(f("<div class=\"card\"><b>%d. %s</b><p>%s</p></div>", r.<Integer>getAs("priority_rank"),
          Html.escape(name(d, r.getAs("step_id"), en)),
          Html.escape(en ? r.getAs("explanation") : dutchExplanation(r.getAs("explanation")))));
    }
    h.append("</div>");
  }

  private static void priority(StringBuilder h, ReportData d, boolean en) {
    if (d.priority().isEmpty()) {
      return;
    }
    if (d.team() != null) {
      h.append(en ? "<h2>Priority of the team's steps</h2><p class=\"note\">Experience × euros × impact; a top-level "
          + "step scored among the top-level steps, a sub-step among its sibling steps.</p>"
          : "<h2>Prioriteit van de stappen van het team</h2><p class=\"note\">Ervaring × euro's × impact; een "
          + "hoofdstap gescoord onder de hoofdstappen, een substap onder zijn zusterstappen.</p>");
    } else {
      h.append(en ? "<h2>Priority of all steps</h2><p class=\"note\">Experience × euros × impact, top-level steps.</p>"
          : "<h2>Prioriteit van alle stappen</h2><p class=\"note\">Ervaring × euro's × impact, hoofdstappen.</p>");
    }
    List<Svg.Bar> bars = d.priority().stream().filter(r -> shown(d, r.getAs("step_id")))
        .sorted(Comparator.comparing(r -> r.<Integer>getAs("priority_rank")))
        .map(r -> new Svg.Bar(name(d, r.getAs("step_id"), en), number(r, "priority_score"),
            Boolean.TRUE.equals(r.getAs("is_top")) ? "  ★ top" : ""))
        .toList();
    h.append(Svg.bars(bars, ""));
  }

  private static void kpis(StringBuilder h, ReportData d, boolean en) {
    String indexName = d.kpis().stream().filter(r -> has(r, "index_name") && r.getAs("index_name") != null)
        .map(r -> r.<String>getAs("index_name")).findFirst().orElse("index");
    h.append(en ? "<h2>Key figures per step</h2><table><tr><th class=\"name\">Step</th><th>Responses</th>"
            + "<th>Satisfaction</th><th>Top-2 %</th><th>NPS</th><th>Effort</th><th>Retention intent</th>"
            : "<h2>Kerncijfers per stap</h2><table><tr><th class=\"name\">Stap</th><th>Reacties</th>"
            + "<th>Tevredenheid</th><th>Top-2 %</th><th>NPS</th><th>Inspanning</th><th>Blijfintentie</th>")
        .append("<th>").append(Html.escape(indexName)).append("</th>")
        .append(en ? "<th>Contacts</th><th>Complaints</th><th>Cost €</th><th>Per 1,000</th></tr>"
            : "<th>Contacten</th><th>Klachten</th><th>Kosten €</th><th>Per 1.000</th></tr>");
    Map<String, Row> byStep = d.kpis().stream().collect(Collectors.toMap(r -> r.getAs("step_id"), r -> r));
    for (String step : d.steps().keySet()) {
      Row r = byStep.get(step);
      if (r == null) {
        continue;
      }
      h.append(f("<tr class=\"%s\"><td class=\"name\">%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
              + "<td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td></tr>",
          d.level(step) == 2 ? "sub" : "",
          Html.escape(name(d, step, en)), r.<Long>getAs("responses"), fmt(r, "satisfaction_mean", "%.2f"),
          fmt(r, "satisfaction_top2_pct", "%.0f"), fmt(r, "nps", "%.0f"), fmt(r, "effort_mean", "%.2f"),
          optionalFmt(r, "retention_intent_mean"), optionalFmt(r, "index_mean"), r.<Long>getAs("contacts"),
          r.<Long>getAs("complaints"), fmt(r, "contact_cost_eur", "%,.0f"),
          fmt(r, "contacts_per_1000", "%.0f")));
    }
    h.append("</table>");
  }

  private static void drivers(StringBuilder h, ReportData d, boolean en) {
    h.append(en ? "<h2>What drives satisfaction?</h2><p class=\"note\">Per step: importance (Shapley share of R², "
        + "%) against performance (mean score), with the importance's 95 % bootstrap interval as a line. Filled = "
        + "more important than noise (bootstrap with a noise variable, BH-adjusted; without bootstrap: significant, "
        + "p &lt; 0.05); hollow = not distinguishable from noise; dotted lines = mean importance and mean "
        + "performance.</p><div class=\"steps\">"
        : "<h2>Wat drijft de tevredenheid?</h2><p class=\"note\">Per stap: belang (Shapley-aandeel van R², %) "
        + "tegen prestatie (gemiddelde score), met het 95%-bootstrapinterval van het belang als lijn. Gevuld = "
        + "belangrijker dan ruis (bootstrap met een ruisvariabele, BH-gecorrigeerd; zonder bootstrap: "
        + "significant, p &lt; 0,05); hol = niet van ruis te onderscheiden; stippellijnen = gemiddeld belang "
        + "en gemiddelde prestatie.</p><div class=\"steps\">");
    Map<String, List<Row>> byStep = d.importance().stream().filter(r -> !r.isNullAt(r.fieldIndex("importance_pct")))
        .collect(Collectors.groupingBy(r -> r.getAs("step_id")));
    Map<String, Row> models = d.models().stream().collect(Collectors.toMap(r -> r.getAs("step_id"), r -> r));
    for (String step : d.steps().keySet()) {
      Row model = models.get(step);
      List<Row> drivers = byStep.getOrDefault(step, List.of());
      if (model == null) {
        continue;
      }
      h.append("<div><h3>").append(Html.escape(name(d, step, en))).append("</h3>");
      if (drivers.isEmpty()) {
        h.append(f(en ? "<p class=\"note\">No model: %s — %s</p></div>"
            : "<p class=\"note\">Geen model: %s — %s</p></div>",
            model.<String>getAs("status"),
            Html.escape(model.getAs("explanation"))));
        continue;
      }
      List<Svg.Point> points = new ArrayList<>();
      List<String> hollow = new ArrayList<>();
      double sumPerformance = 0;
      for (Row r : drivers) {
        Boolean beatsNoise = has(r, "beats_noise") ? r.getAs("beats_noise") : null;
        boolean filled = beatsNoise != null ? beatsNoise : Boolean.TRUE.equals(r.getAs("significant"));
        points.add(new Svg.Point(r.getAs("driver"), number(r, "performance"), number(r, "importance_pct"), filled,
            optional(r, "importance_pct_ci_lower"), optional(r, "importance_pct_ci_upper")));
        if (beatsNoise != null && !beatsNoise) {
          hollow.add(r.getAs("driver"));
        }
        sumPerformance += number(r, "performance");
      }
      double minX = points.stream().mapToDouble(Svg.Point::x).min().orElse(0) - 0.5;
      double maxX = points.stream().mapToDouble(Svg.Point::x).max().orElse(1) + 0.5;
      h.append(f("<p class=\"note\">n = %d · R² = %.2f · %s</p>", model.<Long>getAs("n"), number(model, "r2"),
              model.<String>getAs("status")))
          .append(Svg.importancePerformance(points, sumPerformance / points.size(), 100.0 / points.size(), minX, maxX,
              en));
      if (!hollow.isEmpty()) {
        h.append(en ? "<p class=\"note\">Not distinguishable from noise: "
            : "<p class=\"note\">Niet van ruis te onderscheiden: ").append(Html.escape(String.join(", ", hollow)))
            .append(".</p>");
      }
      h.append("</div>");
    }
    h.append("</div>");
  }

  /** Per step with a model, each driver's penalty (low box) and reward (top box), and its class. */
  private static void penaltyReward(StringBuilder h, ReportData d, boolean en) {
    if (d.asymmetry().isEmpty()) {
      return;
    }
    h.append(en ? "<h2>Basic needs and delighters</h2><p class=\"note\">Per step and driver: how much lower "
        + "satisfaction is with a low score (penalty, left) and how much higher with a top score (reward, right), "
        + "against a middle score. BASIC = only the penalty counts (a basic need), EXCITEMENT = only the reward "
        + "(a delighter), PERFORMANCE = both, NONE = neither (significant at 5 %).</p><div class=\"steps\">"
        : "<h2>Basisbehoeften en verrassers</h2><p class=\"note\">Per stap en driver: hoeveel lager de "
        + "tevredenheid is bij een lage score (straf, links) en hoeveel hoger bij een topscore (beloning, "
        + "rechts), ten opzichte van een middenscore. BASIC = alleen de straf telt (basisbehoefte), "
        + "EXCITEMENT = alleen de beloning (verrasser), PERFORMANCE = beide, NONE = geen van beide "
        + "(significant bij 5%).</p><div class=\"steps\">");
    Map<String, List<Row>> byStep = d.asymmetry().stream().collect(Collectors.groupingBy(r -> r.getAs("step_id")));
    for (String step : d.steps().keySet()) {
      List<Row> rows = byStep.get(step);
      if (rows == null) {
        continue;
      }
      List<Svg.PenaltyReward> bars = rows.stream().map(r -> new Svg.PenaltyReward(r.getAs("driver"),
          optional(r, "penalty"), optional(r, "reward"), r.getAs("asymmetry_class"))).toList();
      h.append("<div><h3>").append(Html.escape(name(d, step, en))).append("</h3>").append(Svg.penaltyReward(bars, en))
          .append("</div>");
    }
    h.append("</div>");
  }

  /** Per step and segment: does the segment's driver model differ from the rest of the step's? */
  private static void segments(StringBuilder h, ReportData d, boolean en) {
    if (d.segments().isEmpty()) {
      return;
    }
    h.append(en ? "<h2>Do the drivers work differently per segment?</h2><p class=\"note\">Per step and segment: "
        + "the segment's model against that of the rest of the step (Chow F test, BH-adjusted over all steps and "
        + "segments). Differs = the drivers demonstrably work differently in this segment. Importance: the driver "
        + "whose importance share differs most surely, segment minus rest in points with its 95 % bootstrap "
        + "interval, bold when the difference holds after BH.</p><table><tr>"
        + "<th class=\"name\">Step</th><th class=\"name\">Segment</th><th>n</th><th>R² segment</th>"
        + "<th>R² rest</th><th>F</th><th>p (BH)</th><th class=\"name\">Differs?</th>"
        + "<th class=\"name\">Importance</th></tr>"
        : "<h2>Werken de drivers anders per segment?</h2><p class=\"note\">Per stap en segment: het model van "
        + "het segment tegen dat van de rest van de stap (Chow F-toets, BH-gecorrigeerd over alle stappen en "
        + "segmenten). Anders = de drivers werken in dit segment aantoonbaar anders. Belang: de driver wiens "
        + "belangaandeel het zekerst verschilt, segment min rest in punten met het 95%-bootstrapinterval, vet "
        + "als het verschil na BH standhoudt.</p><table><tr>"
        + "<th class=\"name\">Stap</th><th class=\"name\">Segment</th><th>n</th><th>R² segment</th>"
        + "<th>R² rest</th><th>F</th><th>p (BH)</th><th class=\"name\">Anders?</th>"
        + "<th class=\"name\">Belang</th></tr>");
    for (String step : d.steps().keySet()) {
      for (Row r : d.segments()) {
        if (!step.equals(r.getAs("step_id"))) {
          continue;
        }
        Boolean differs = r.getAs("differs");
        h.append(f("<tr><td class=\"name\">%s</td><td class=\"name\">%s</td><td>%d</td><td>%s</td><td>%s</td>"
                + "<td>%s</td><td>%s</td><td class=\"name\">%s</td><td class=\"name\">%s</td></tr>",
            Html.escape(name(d, step, en)),
            Html.escape(r.getAs("segment")), r.<Long>getAs("n"), fmt(r, "r2", "%.2f"), fmt(r, "rest_r2", "%.2f"),
            fmt(r, "chow_f", "%.2f"), fmt(r, "chow_p_adjusted", "%.3f"),
            differs == null ? Html.escape(r.<String>getAs("status")) : differs ? (en ? "<b>yes</b>" : "<b>ja</b>")
                : en ? "no" : "nee", importanceDifference(r, en)));
      }
    }
    h.append("</table>");
  }

  /** "clarity −5.6 (−14.7 to 3.3)", bold when it differs after BH; "–" without a comparison. */
  private static String importanceDifference(Row r, boolean en) {
    if (!has(r, "importance_driver") || r.getAs("importance_driver") == null) {
      return "–";
    }
    String text = Html.escape(r.getAs("importance_driver")) + " "
        + f(en ? "%+.1f (%.1f to %.1f)" : "%+.1f (%.1f tot %.1f)",
        number(r, "importance_difference"), number(r, "importance_difference_ci_lower"),
        number(r, "importance_difference_ci_upper"));
    text = en ? text : text.replaceAll("(\\d)\\.(\\d)", "$1,$2");
    return Boolean.TRUE.equals(r.getAs("importance_differs")) ? "<b>" + text + "</b>" : text;
  }

  private static boolean has(Row r, String column) {
    return Arrays.asList(r.schema().fieldNames()).contains(column);
  }

  /** A column's number, NaN when null or when the run's table has no such column (an older run). */
  private static double optional(Row r, String column) {
    return has(r, column) ? number(r, column) : Double.NaN;
  }

  private static void channelMix(StringBuilder h, ReportData d, boolean en) {
    if (d.channelMix().isEmpty()) {
      return;
    }
    h.append(en ? "<h2>Channel steering: mix now against target</h2><p class=\"note\">Gap in percentage points; "
        + "orange = more than the target, blue = less.</p><table><tr><th class=\"name\">Step</th>"
        + "<th class=\"name\">Channel</th><th>Contacts</th><th>Now %</th><th>Target %</th><th>Gap pp</th><th></th></tr>"
        : "<h2>Kanaalsturing: mix nu tegen doel</h2><p class=\"note\">Verschil in procentpunten; oranje = "
        + "meer dan het doel, blauw = minder.</p><table><tr><th class=\"name\">Stap</th><th class=\"name\">"
        + "Kanaal</th><th>Contacten</th><th>Nu %</th><th>Doel %</th><th>Verschil pp</th><th></th></tr>");
    double maxAbs = d.channelMix().stream().mapToDouble(r -> Math.abs(number(r, "gap_pp"))).max().orElse(1);
    for (String step : d.steps().keySet()) {
      for (Row r : d.channelMix()) {
        if (step.equals(r.getAs("step_id")) && shown(d, step)) {
          h.append(f("<tr><td class=\"name\">%s</td><td class=\"name\">%s</td><td>%s</td><td>%.0f</td><td>%.0f</td>"
                  + "<td>%+.1f</td><td>%s</td></tr>", Html.escape(name(d, step, en)), Html.escape(r.getAs("channel")),
              String.valueOf(r.<Object>getAs("contacts")), 100 * number(r, "actual_share"),
              100 * number(r, "target_share"), number(r, "gap_pp"), Svg.gap(number(r, "gap_pp"), maxAbs)));
        }
      }
    }
    h.append("</table>");
  }

  private static double number(Row r, String column) {
    Object value = r.getAs(column);
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  /** A mean with two decimals, "–" when null or absent (a run before the column existed). */
  private static String optionalFmt(Row r, String column) {
    return has(r, column) ? fmt(r, column, "%.2f") : "–";
  }

  private static String fmt(Row r, String column, String format) {
    double value = number(r, column);
    return Double.isNaN(value) ? "–" : f(format, value);
  }
}
