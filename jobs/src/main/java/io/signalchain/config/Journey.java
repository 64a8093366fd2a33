package io.signalchain.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured customer journey: its steps in journey order (parents before their sub-steps). */
public record Journey(List<JourneyStep> steps) {
  public Journey {
    steps = List.copyOf(steps);
  }

  public Map<String, JourneyStep> byId() {
    return steps.stream().collect(Collectors.toMap(JourneyStep::id, Function.identity()));
  }

  public Optional<JourneyStep> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return steps.stream().map(JourneyStep::id).toList();
  }
}
