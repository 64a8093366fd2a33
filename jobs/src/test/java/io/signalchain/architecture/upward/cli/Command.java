package io.signalchain.architecture.upward.cli;

/** Fixture: an outer-layer class. */
public final class Command {
  private Command() {}

  public static String name() {
    return "run";
  }
}
