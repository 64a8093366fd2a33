package io.signalchain.architecture.upward.config;

import io.signalchain.architecture.upward.cli.Command;

/** Fixture: an inner layer importing the outer one, which the layer rule must reject. */
public final class Settings {
  private Settings() {}

  public static String command() {
    return Command.name();
  }
}
