package io.signalchain.config;

import java.util.Map;

/**
 * The configured index: a named weighted mean of driver aspects (e.g. service_index over clarity,
 * speed and friendliness). {@link #NONE} when not configured.
 *
 * @param name the index's name, shown beside its value (step_kpis.index_name)
 * @param aspects driver name (without driver_) to its weight; the weights are positive
 */
public record IndexSettings(String name, Map<String, Double> aspects) {
  public static final IndexSettings NONE = new IndexSettings(null, Map.of());

  public IndexSettings {
    aspects = Map.copyOf(aspects);
  }

  public boolean configured() {
    return name != null;
  }
}
