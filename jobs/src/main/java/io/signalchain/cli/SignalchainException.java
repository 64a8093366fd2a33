package io.signalchain.cli;

/**
 * A failure the user can act on: the message says what is wrong and why, {@link #remedy()} says
 * what to do, and {@link #exitCode()} tells the orchestrator which kind of failure it was. Built
 * only through {@link Errors}, so every user-facing message lives in one place.
 */
public final class SignalchainException extends RuntimeException {
  private final ExitCode exitCode;
  private final String remedy;

  SignalchainException(ExitCode exitCode, String message, String remedy, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.remedy = remedy;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public String remedy() {
    return remedy;
  }
}
