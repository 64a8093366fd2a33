package io.signalchain.config;

/** The one language every sentence of the HTML report and of kpi_alerts is written in. */
public enum ReportLanguage {
  NL("nl"),
  EN("en");

  private final String key;

  ReportLanguage(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static ReportLanguage fromKey(String key) {
    for (ReportLanguage l : values()) {
      if (l.key.equals(key)) {
        return l;
      }
    }
    return null;
  }
}
