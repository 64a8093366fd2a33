package io.signalchain.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an input is stored, as named in the configuration ({@code inputs.<name>.format}). */
public enum InputFormat {
  CSV("csv"),
  PARQUET("parquet"),
  DELTA("delta");

  private final String id;

  InputFormat(String id) {
    this.id = id;
  }

  /** The name used in the configuration. */
  public String id() {
    return id;
  }

  /** The format named {@code text} (ignoring case and surrounding spaces), if there is one. */
  public static Optional<InputFormat> fromId(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(key)).findFirst();
  }

  /** The configuration names of all formats, e.g. "csv, parquet or delta". */
  public static String choices() {
    String all = Arrays.stream(values()).map(InputFormat::id).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }

  @Override
  public String toString() {
    return id;
  }
}
