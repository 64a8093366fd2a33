package io.signalchain.monitoring;

/**
 * A figure kpi_trends follows and kpi_alerts tests, with how it is tested and which direction is
 * worse. Shares and NPS are reported in percent (points); the others on their own scale.
 */
public enum Metric {
  SATISFACTION("satisfaction", Kind.MEAN, true, "tevredenheid", "satisfaction"),
  SATISFACTION_TOP2("satisfaction_top2_pct", Kind.SHARE, true, "top-2-tevredenheid (%)", "top-2 satisfaction (%)"),
  NPS("nps", Kind.SHARE, true, "NPS", "NPS"),
  EFFORT("effort", Kind.MEAN, false, "klantinspanning", "customer effort"),
  RETENTION_INTENT("retention_intent", Kind.MEAN, true, "blijfintentie", "retention intent"),
  INDEX("index", Kind.MEAN, true, "index", "index"),
  CONTACTS_PER_1000("contacts_per_1000", Kind.RATE, false, "contacten per 1.000 doorgangen",
      "contacts per 1,000 passes");

  /** How a change of the metric is tested. */
  enum Kind {
    /** A weighted mean: Welch's t with effective-n variances. */
    MEAN,
    /** A weighted share or NPS: normal approximation. */
    SHARE,
    /** Contacts per 1,000 passes: Poisson counts, normal approximation. */
    RATE
  }

  private final String key;
  private final Kind kind;
  private final boolean higherIsBetter;
  private final String nameNl;
  private final String nameEn;

  Metric(String key, Kind kind, boolean higherIsBetter, String nameNl, String nameEn) {
    this.key = key;
    this.kind = kind;
    this.higherIsBetter = higherIsBetter;
    this.nameNl = nameNl;
    this.nameEn = nameEn;
  }

  /** The metric's name in kpi_alerts.metric. */
  public String key() {
    return key;
  }

  Kind kind() {
    return kind;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Shares and NPS are computed as 0–1 (−1–1) and reported ×100. */
  double scale() {
    return kind == Kind.SHARE ? 100 : 1;
  }

  String name(boolean dutch) {
    return dutch ? nameNl : nameEn;
  }

  /** The survey metrics, whose per-period sums are {@link io.signalchain.measures.stats.WeightedSums}. */
  static final Metric[] SURVEY = {SATISFACTION, SATISFACTION_TOP2, NPS, EFFORT, RETENTION_INTENT, INDEX};
}
