package io.signalchain.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalchain.errors.Errors;
import io.signalchain.errors.SignalchainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML mapping being read: knows its file and key path for messages, and which keys were
 * read, so that a misspelled key is an error rather than a silently ignored setting.
 */
final class ConfigNode {
  private final String file;
  private final String path;
  private final JsonNode node;
  /** A plain decimal number: optional sign, digits, optional fraction, optional exponent. */
  static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private final Set<String> read = new HashSet<>();

  ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
    if (node != null && !node.isObject()) {
      throw Errors.config(file, path.isEmpty() ? "(top level)" : path, "expected a mapping of keys to values");
    }
  }

  String file() {
    return file;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    return node != null && node.hasNonNull(name);
  }

  private JsonNode get(String name) {
    read.add(name);
    return node == null ? null : node.get(name);
  }

  ConfigNode child(String name) {
    JsonNode value = get(name);
    return new ConfigNode(file, key(name), value == null || value.isNull() ? null : value);
  }

  ConfigNode requiredChild(String name) {
    require(name);
    return child(name);
  }

  List<String> keys() {
    List<String> keys = new ArrayList<>();
    if (node != null) {
      node.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  String string(String name, String fallback) {
    JsonNode value = get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      throw Errors.config(file, key(name), "expected a text value");
    }
    String text = value.asText().trim();
    if (text.isEmpty()) {
      throw Errors.config(file, key(name), "must not be empty");
    }
    return text;
  }

  String requiredString(String name) {
    require(name);
    return string(name, null);
  }

  double number(String name, Double fallback) {
    JsonNode value = get(name);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw Errors.config(file, key(name), "is required");
      }
      return fallback;
    }
    // Only finite, plain decimal numbers: YAML's .nan and .inf (or NaN, Infinity, 8d, 0x1p3 from
    // --set) would otherwise pass every later range check unnoticed, as NaN compares false with
    // every limit.
    String text = value.asText().trim();
    double number = value.isNumber() ? value.asDouble()
        : value.isValueNode() && PLAIN_NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
    if (!Double.isFinite(number)) {
      throw Errors.config(file, key(name), notANumber(text));
    }
    return number;
  }

  static String notANumber(String found) {
    return "expected a number (finite and plain decimal, e.g. 0.05 or 6.50; no NaN or infinity), found '"
        + found + "'";
  }

  int integer(String name, Integer fallback) {
    double value = number(name, fallback == null ? null : fallback.doubleValue());
    if (value != Math.rint(value)) {
      throw Errors.config(file, key(name), "expected a whole number, found " + value);
    }
    return (int) value;
  }

  /** A whole number from {@code min} to {@code max}; {@code unit} ("days", "weeks" or "") names it in the error. */
  int integer(String name, int fallback, int min, int max, String unit) {
    int value = integer(name, fallback);
    if (value < min || value > max) {
      throw fail(name, "must be between " + min + " and " + max + (unit.isEmpty() ? "" : " " + unit) + ", found "
          + value);
    }
    return value;
  }

  boolean bool(String name, boolean fallback) {
    JsonNode value = get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    String text = value.asText().trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw Errors.config(file, key(name), "expected true or false, found '" + value.asText() + "'");
    }
    return text.equals("true");
  }

  List<String> strings(String name) {
    JsonNode value = get(name);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      throw Errors.config(file, key(name), "expected a list, e.g. [a, b]");
    }
    for (JsonNode item : value) {
      out.add(item.asText().trim());
    }
    return out;
  }

  List<ConfigNode> list(String name) {
    JsonNode value = get(name);
    List<ConfigNode> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      throw Errors.config(file, key(name), "expected a list");
    }
    Iterator<JsonNode> items = value.elements();
    for (int i = 0; items.hasNext(); i++) {
      out.add(new ConfigNode(file, key(name) + "[" + i + "]", items.next()));
    }
    return out;
  }

  void require(String name) {
    if (!has(name)) {
      throw Errors.config(file, key(name), "is required");
    }
  }

  SignalchainException fail(String name, String what) {
    return Errors.config(file, key(name), what);
  }

  /** Fails on keys nobody read: almost always a typo. */
  void rejectUnknownKeys() {
    for (String name : keys()) {
      if (!read.contains(name)) {
        throw Errors.config(file, key(name), "unknown key (misspelled?); see docs/configuration.md");
      }
    }
  }
}
