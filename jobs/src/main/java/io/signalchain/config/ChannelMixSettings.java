package io.signalchain.config;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The target channel mix (KSM 3.0): per channel the share of a step's contacts it should carry.
 * A step uses its own mix, else its parent's, else the default; every mix sums to 1.
 * {@code selfServiceVolumes} counts process volumes completed through self-service channels in
 * the mix, next to the contacts.
 */
public record ChannelMixSettings(Map<String, Double> defaultMix, Map<String, Map<String, Double>> perStep,
    boolean selfServiceVolumes) {
  public static final String DEFAULT = "default";

  public ChannelMixSettings {
    defaultMix = Map.copyOf(defaultMix);
    perStep = perStep.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
  }

  /** Where the target mix of a step comes from: the step's id, its parent's id, or {@link #DEFAULT}. */
  public String sourceFor(String stepId, String parentId) {
    if (perStep.containsKey(stepId)) {
      return stepId;
    }
    return parentId != null && perStep.containsKey(parentId) ? parentId : DEFAULT;
  }

  public Map<String, Double> targetFor(String stepId, String parentId) {
    String source = sourceFor(stepId, parentId);
    return source.equals(DEFAULT) ? defaultMix : perStep.get(source);
  }
}
