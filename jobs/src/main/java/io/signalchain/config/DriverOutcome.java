package io.signalchain.config;

/** The survey column the driver analysis explains: what "drives" is measured against. */
public enum DriverOutcome {
  SATISFACTION("satisfaction"),
  NPS("nps"),
  EFFORT("effort");

  private final String column;

  DriverOutcome(String column) {
    this.column = column;
  }

  /** The survey_responses column, also the configuration value. */
  public String column() {
    return column;
  }

  public static DriverOutcome fromColumn(String column) {
    for (DriverOutcome o : values()) {
      if (o.column.equals(column)) {
        return o;
      }
    }
    return null;
  }
}
