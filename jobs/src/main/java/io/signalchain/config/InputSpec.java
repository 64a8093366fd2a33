package io.signalchain.config;

/**
 * Where an input lives and how it is stored. {@code multiline} applies to CSV only: quoted fields
 * may span lines (RFC 4180), at the cost of reading each file in one task (docs/inputs.md).
 */
public record InputSpec(String path, InputFormat format, boolean multiline) {
  /** Whether CSV inputs allow quoted fields spanning lines unless configured otherwise. */
  public static final boolean DEFAULT_MULTILINE = true;

  public InputSpec {
    if (path == null || format == null) {
      throw new IllegalArgumentException("an input needs a path and a format");
    }
  }

  public InputSpec(String path, InputFormat format) {
    this(path, format, DEFAULT_MULTILINE);
  }

  /** For callers holding the configuration's name of the format, e.g. "csv". */
  public InputSpec(String path, String format) {
    this(path, InputFormat.fromId(format).orElseThrow(
        () -> new IllegalArgumentException("unknown input format '" + format + "'")));
  }
}
