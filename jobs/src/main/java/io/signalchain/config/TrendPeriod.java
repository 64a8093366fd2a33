package io.signalchain.config;

/** A period kpi_trends rolls days up to: the ISO week (Monday–Sunday) or the calendar month. */
public enum TrendPeriod {
  WEEK("week"),
  MONTH("month");

  private final String key;

  TrendPeriod(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static TrendPeriod fromKey(String key) {
    for (TrendPeriod p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    return null;
  }
}
