package io.signalchain.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /** The teams that own steps, sorted. */
  public List<String> teams() {
    return steps.stream().map(JourneyStep::owner).filter(Objects::nonNull).distinct().sorted().toList();
  }

  /** The ids of the steps a team owns, in journey order. */
  public List<String> stepsOf(String team) {
    return steps.stream().filter(s -> team.equals(s.owner())).map(JourneyStep::id).toList();
  }
}
