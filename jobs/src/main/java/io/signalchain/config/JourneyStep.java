package io.signalchain.config;

/**
 * One step of the customer journey (klantketen). Top-level steps have level 1 and no parent;
 * sub-steps have level 2 and the id of their top-level step as parent.
 */
public record JourneyStep(String id, String parentId, int level, int order, String nameNl, String nameEn) {
  public boolean isTopLevel() {
    return parentId == null;
  }
}
