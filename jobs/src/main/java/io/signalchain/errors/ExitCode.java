package io.signalchain.errors;

/** The process exit codes orchestrators act on; documented in the README. */
public enum ExitCode {
  SUCCESS(0),
  UNEXPECTED(1),
  USAGE_OR_CONFIGURATION(2),
  DATA_QUALITY(3),
  INPUT_UNREADABLE(4);

  public final int code;

  ExitCode(int code) {
    this.code = code;
  }
}
