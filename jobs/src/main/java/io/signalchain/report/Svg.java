package io.signalchain.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Small inline SVG charts: no scripts, no network, readable when printed. */
final class Svg {
  record Bar(String label, double value, String note) {}

  /** A driver on the importance–performance chart; {@code yLow}..{@code yHigh} its interval (NaN: none). */
  record Point(String label, double x, double y, boolean filled, double yLow, double yHigh) {
    Point(String label, double x, double y, boolean filled) {
      this(label, x, y, filled, Double.NaN, Double.NaN);
    }
  }

  /** A driver's penalty (drawn left) and reward (drawn right), with its class. */
  record PenaltyReward(String label, double penalty, double reward, String asymmetryClass) {}

  /** One period of a trend: its mean and 95 % interval (NaN where unknown); partial periods drawn hollow. */
  record TrendPoint(String label, double mean, double low, double high, boolean partial) {}

  private Svg() {}

  /**
   * A metric over periods: the line of the means with its 95 % interval as a band, partial
   * periods as hollow points, the first and last period named under the axis.
   */
  static String trend(List<TrendPoint> points, String title) {
    int w = 380;
    int h = 150;
    int left = 40;
    int right = 12;
    int top = 12;
    int bottom = 30;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (TrendPoint p : points) {
      for (double v : new double[] {p.mean(), p.low(), p.high()}) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (!Double.isFinite(min)) {
      return "";
    }
    if (max - min < 0.5) {
      min -= 0.25;
      max += 0.25;
    }
    double lo = min;
    double span = max - min;
    int n = points.size();
    DoubleUnaryOperator x = i -> left + (n == 1 ? 0.5 : i / (n - 1.0)) * (w - left - right);
    DoubleUnaryOperator y = v -> top + (1 - (v - lo) / span) * (h - top - bottom);
    StringBuilder svg = open(w, h, title);
    StringBuilder upper = new StringBuilder();
    StringBuilder lower = new StringBuilder();
    for (int i = 0; i < n; i++) {
      TrendPoint p = points.get(i);
      if (Double.isFinite(p.low()) && Double.isFinite(p.high())) {
        upper.append(f("%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(p.high())));
        lower.insert(0, f("%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(p.low())));
      }
    }
    if (upper.length() > 0) {
      svg.append(f("<polygon points=\"%s%s\" class=\"band\"/>", upper, lower));
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(points.get(i).mean())) {
        line.append(f("%.1f,%.1f ", x.applyAsDouble(i), y.applyAsDouble(points.get(i).mean())));
      }
    }
    svg.append(f("<polyline points=\"%s\" class=\"trend\"/>", line));
    for (int i = 0; i < n; i++) {
      TrendPoint p = points.get(i);
      if (Double.isFinite(p.mean())) {
        svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" class=\"%s\"><title>%s: %.2f</title></circle>",
            x.applyAsDouble(i), y.applyAsDouble(p.mean()), p.partial() ? "nonsig" : "sig", Html.escape(p.label()),
            p.mean()));
      }
    }
    svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", left, h - bottom, w - right,
            h - bottom))
        .append(text(left - 4, top + 8, f("%.1f", max), "end", "tick"))
        .append(text(left - 4, h - bottom, f("%.1f", min), "end", "tick"))
        .append(text(left, h - bottom + 16, points.get(0).label(), "start", "tick"))
        .append(text(w - right, h - bottom + 16, points.get(n - 1).label(), "end", "tick"));
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, longest first as given, value printed at the end of each bar. */
  static String bars(List<Bar> bars, String unit) {
    int rowHeight = 26;
    int labelWidth = 280;
    int barWidth = 420;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    StringBuilder svg = open(labelWidth + barWidth + 120, bars.size() * rowHeight + 10, "bar chart");
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = i * rowHeight + 5;
      double width = max <= 0 ? 0 : barWidth * Math.max(0, bar.value()) / max;
      svg.append(text(labelWidth - 8, y + 17, bar.label(), "end", ""))
          .append(f("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" class=\"bar\"/>", labelWidth, y + 3, width))
          .append(text(labelWidth + width + 6, y + 17, f("%.2f%s", bar.value(), unit) + bar.note(), "start", ""));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Importance (y, %) against performance (x, mean score) with the quadrant split lines; filled
   * points are significant at 5%.
   */
  static String importancePerformance(List<Point> points, double splitX, double splitY, double minX, double maxX) {
    return importancePerformance(points, splitX, splitY, minX, maxX, false);
  }

  /** The chart with its quadrant and axis labels in English ({@code en}) or Dutch. */
  static String importancePerformance(List<Point> points, double splitX, double splitY, double minX, double maxX,
      boolean en) {
    int w = 520;
    int h = 340;
    int left = 50;
    int bottom = 40;
    double maxY = Math.max(splitY * 2, points.stream()
        .mapToDouble(p -> Double.isNaN(p.yHigh()) ? p.y() : Math.max(p.y(), p.yHigh())).max().orElse(1)) * 1.1;
    double spanX = Math.max(1e-9, maxX - minX);
    DoubleUnaryOperator px = x -> left + (x - minX) / spanX * (w - left - 20);
    DoubleUnaryOperator py = y -> h - bottom - y / maxY * (h - bottom - 20);
    StringBuilder svg = open(w, h, "importance–performance chart");
    svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", left, h - bottom, w - 10,
        h - bottom))
        .append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", left, 10, left, h - bottom))
        .append(f("<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" class=\"split\"/>", px.applyAsDouble(splitX),
            px.applyAsDouble(splitX), h - bottom))
        .append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"split\"/>", left, py.applyAsDouble(splitY),
            w - 10, py.applyAsDouble(splitY)))
        .append(text(w - 12, 24, en ? "strong, important" : "sterk, belangrijk", "end", "quadrant"))
        .append(text(left + 6, 24, en ? "improve: important" : "verbeteren: belangrijk", "start", "quadrant"))
        .append(text((w + left) / 2.0, h - 8, en ? "performance (mean score)" : "prestatie (gemiddelde score)",
            "middle", "axis-label"))
        .append(f("<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\" class=\"axis-label\">"
            + "%s (%%)</text>", (h - bottom) / 2, (h - bottom) / 2, en ? "importance" : "belang"))
        .append(text(left - 4, h - bottom, "0", "end", "tick"))
        .append(text(left - 4, 20, f("%.0f", maxY), "end", "tick"))
        .append(text(left, h - bottom + 16, f("%.1f", minX), "middle", "tick"))
        .append(text(w - 20, h - bottom + 16, f("%.1f", maxX), "middle", "tick"));
    List<Label> labels = new ArrayList<>();
    for (Point p : points) {
      double x = px.applyAsDouble(p.x());
      double y = py.applyAsDouble(p.y());
      if (!Double.isNaN(p.yLow()) && !Double.isNaN(p.yHigh())) {
        svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"interval\"/>", x,
            py.applyAsDouble(p.yLow()), x, py.applyAsDouble(p.yHigh())));
      }
      svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" class=\"%s\"/>", x, y, p.filled() ? "sig" : "nonsig"));
      labels.add(Label.beside(p.label(), x, y, w));
    }
    for (Label label : Label.separated(labels)) {
      svg.append(text(label.anchorX(), label.baseline(), label.text(), label.leftOfPoint() ? "end" : "start", ""));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * A point's label: right of the point, or left of it where it would leave the chart. Drivers
   * with nearly the same importance and performance would print their names over each other, so
   * {@link #separated} moves labels down until none overlaps another.
   */
  record Label(String text, double left, double right, double baseline, boolean leftOfPoint) {
    static final double CHAR_WIDTH = 7; // 12px text, a generous average
    static final double LINE = 13;

    static Label beside(String text, double x, double y, int chartWidth) {
      double width = text.length() * CHAR_WIDTH;
      boolean leftOf = x + 9 + width > chartWidth;
      return leftOf ? new Label(text, x - 9 - width, x - 9, y + 4, true)
          : new Label(text, x + 9, x + 9 + width, y + 4, false);
    }

    double anchorX() {
      return leftOfPoint ? right : left;
    }

    boolean overlaps(Label other) {
      // half a pixel of slack: a label moved exactly one line down must not count as overlapping
      return left < other.right && other.left < right && Math.abs(baseline - other.baseline) < LINE - 0.5;
    }

    /** Top to bottom, each label moved down below every placed label it would overlap. */
    static List<Label> separated(List<Label> labels) {
      List<Label> placed = new ArrayList<>();
      for (Label label : labels.stream().sorted(Comparator.comparingDouble(Label::baseline)).toList()) {
        for (Label clash = clash(label, placed); clash != null; clash = clash(label, placed)) {
          label = new Label(label.text, label.left, label.right, clash.baseline + LINE, label.leftOfPoint);
        }
        placed.add(label);
      }
      return placed;
    }

    private static Label clash(Label label, List<Label> placed) {
      return placed.stream().filter(label::overlaps).findFirst().orElse(null);
    }
  }

  /**
   * Penalty–reward chart: per driver a bar left of the centre line for the penalty (how much lower
   * the outcome is in the bottom box) and one right of it for the reward (how much higher in the
   * top box), on one scale, with the driver's class at the end.
   */
  static String penaltyReward(List<PenaltyReward> drivers) {
    return penaltyReward(drivers, false);
  }

  /** The chart with its axis labels in English ({@code en}) or Dutch. */
  static String penaltyReward(List<PenaltyReward> drivers, boolean en) {
    int rowHeight = 24;
    int labelWidth = 200;
    int half = 160;
    double max = drivers.stream().mapToDouble(d -> Math.max(Math.abs(zero(d.penalty())), Math.abs(zero(d.reward()))))
        .max().orElse(1);
    double scale = max <= 0 ? 0 : half / max;
    double centre = labelWidth + half;
    StringBuilder svg = open(labelWidth + 2 * half + 130, drivers.size() * rowHeight + 30, "penalty–reward chart");
    svg.append(text(centre - 6, 14, en ? "penalty (bottom box)" : "straf (laag box)", "end", "axis-label"))
        .append(text(centre + 6, 14, en ? "reward (top box)" : "beloning (top box)", "start", "axis-label"));
    for (int i = 0; i < drivers.size(); i++) {
      PenaltyReward d = drivers.get(i);
      int y = 20 + i * rowHeight;
      double p = Math.max(0, zero(d.penalty())) * scale;
      double r = Math.max(0, zero(d.reward())) * scale;
      svg.append(text(labelWidth - 8, y + 16, d.label(), "end", ""))
          .append(f("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" class=\"penalty\"/>", centre - p,
              y + 4, p))
          .append(f("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" class=\"reward\"/>", centre, y + 4, r))
          .append(text(centre + half + 8, y + 16, d.asymmetryClass(), "start", "tick"));
    }
    svg.append(f("<line x1=\"%.1f\" y1=\"18\" x2=\"%.1f\" y2=\"%d\" class=\"axis\"/>", centre, centre,
        20 + drivers.size() * rowHeight));
    return svg.append("</svg>").toString();
  }

  private static double zero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  /** A bar left (negative) or right (positive) of a centre line, for gaps in percentage points. */
  static String gap(double value, double maxAbs) {
    int w = 160;
    double half = w / 2.0;
    double width = maxAbs <= 0 ? 0 : Math.min(half, half * Math.abs(value) / maxAbs);
    double x = value < 0 ? half - width : half;
    return open(w, 16, "gap")
        .append(f("<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"12\" class=\"%s\"/>", x, width,
            value < 0 ? "under" : "over"))
        .append(f("<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"16\" class=\"axis\"/>", half, half))
        .append("</svg>").toString();
  }

  private static StringBuilder open(int w, int h, String title) {
    return new StringBuilder(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", w, h, w, h, Html.escape(title)));
  }

  private static String text(double x, double y, String text, String anchor, String cls) {
    return f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>", x, y, anchor,
        cls.isEmpty() ? "" : " class=\"" + cls + "\"", Html.escape(text));
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
