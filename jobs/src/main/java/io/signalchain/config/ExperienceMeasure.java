package io.signalchain.config;

/** How the survey turns into a step's experience signal for prioritising (larger = worse). */
public enum ExperienceMeasure {
  /** Target satisfaction minus the weighted mean satisfaction, floored at 0 (scale points). */
  GAP_TO_TARGET("gap_to_target"),
  /** The weighted share of answers outside the top-2 box of the satisfaction scale (0–1). */
  NOT_TOP2_SHARE("not_top2_share");

  private final String key;

  ExperienceMeasure(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static ExperienceMeasure fromKey(String key) {
    for (ExperienceMeasure m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    return null;
  }
}
