package io.signalchain.config;

/**
 * One step of the customer journey (klantketen). Top-level steps have level 1 and no parent;
 * sub-steps have level 2 and the id of their top-level step as parent. {@code owner} is the team
 * that owns the step (a sub-step's own, else its parent's); null when none is configured.
 */
public record JourneyStep(String id, String parentId, int level, int order, String nameNl, String nameEn,
    String owner) {
  public boolean isTopLevel() {
    return parentId == null;
  }
}
