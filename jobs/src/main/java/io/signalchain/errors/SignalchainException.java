package io.signalchain.errors;

/**
 * A failure the user can act on: the message says what is wrong and why, {@link #remedy()} says
 * what to do, and {@link #exitCode()} tells the orchestrator which kind of failure it was. Built
 * only through {@link Errors}, so every user-facing message lives in one place.
 */
public final class SignalchainException extends RuntimeException {
  private final ExitCode exitCode;
  private final String remedy;
  private final boolean misuse;

  SignalchainException(ExitCode exitCode, String message, String remedy, Throwable cause) {
    this(exitCode, message, remedy, cause, false);
  }

  SignalchainException(ExitCode exitCode, String message, String remedy, Throwable cause, boolean misuse) {
    super(message, cause);
    this.exitCode = exitCode;
    this.remedy = remedy;
    this.misuse = misuse;
  }

  /** The command line itself was wrong: the usage line helps. */
  public boolean misuse() {
    return misuse;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public String remedy() {
    return remedy;
  }
}
