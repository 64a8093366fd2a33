package io.signalchain.input;

import java.util.Set;

/**
 * One column of an input contract and the rules a value must meet. Bounds are inclusive unless
 * {@code minExclusive}; {@code maxKey}, when set, names the configuration key of a plausibility
 * bound {@code max} (its reason names the key); {@code allowed}, when not null, lists the only
 * values accepted (step ids, channel ids). A field that is not {@code kept} (an identifier no analysis
 * reads) is checked but not kept for the run: it is dropped from the accepted rows.
 */
public record Field(String name, FieldType type, boolean required, Double min, Double max, boolean minExclusive,
    String maxKey, Set<String> allowed, boolean kept) {

  public static Field text(String name, boolean required) {
    return new Field(name, FieldType.TEXT, required, null, null, false, null, null, true);
  }

  public static Field oneOf(String name, boolean required, Set<String> allowed) {
    return new Field(name, FieldType.TEXT, required, null, null, false, null, Set.copyOf(allowed), true);
  }

  public static Field of(String name, FieldType type, boolean required) {
    return new Field(name, type, required, null, null, false, null, null, true);
  }

  /** A number on a scale: min and max inclusive. */
  public static Field number(String name, FieldType type, boolean required, Double min, Double max) {
    return new Field(name, type, required, min, max, false, null, null, true);
  }

  /** A number ≥ min (or > min) and at most the configured plausibility bound {@code maxKey}. */
  public static Field bounded(String name, FieldType type, boolean required, double min, boolean minExclusive,
      double max, String maxKey) {
    return new Field(name, type, required, min, max, minExclusive, maxKey, null, true);
  }

  /** This field checked and kept. */
  public Field asKept() {
    return new Field(name, type, required, min, max, minExclusive, maxKey, allowed, true);
  }

  /** This field checked, but not kept for the run's analyses. */
  public Field checkedOnly() {
    return new Field(name, type, required, min, max, minExclusive, maxKey, allowed, false);
  }
}
