package io.signalchain.input;

import java.util.Set;

/**
 * One column of an input contract and the rules a value must meet. Bounds are inclusive unless
 * {@code minExclusive}; {@code allowed}, when not null, lists the only values accepted (step ids,
 * channel ids).
 */
public record Field(String name, FieldType type, boolean required, Double min, Double max, boolean minExclusive,
    Set<String> allowed) {

  public static Field text(String name, boolean required) {
    return new Field(name, FieldType.TEXT, required, null, null, false, null);
  }

  public static Field oneOf(String name, boolean required, Set<String> allowed) {
    return new Field(name, FieldType.TEXT, required, null, null, false, Set.copyOf(allowed));
  }

  public static Field of(String name, FieldType type, boolean required) {
    return new Field(name, type, required, null, null, false, null);
  }

  public static Field number(String name, FieldType type, boolean required, Double min, Double max) {
    return new Field(name, type, required, min, max, false, null);
  }

  public static Field positive(String name) {
    return new Field(name, FieldType.NUMBER, false, 0.0, null, true, null);
  }
}
