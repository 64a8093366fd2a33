package io.signalchain.testing;

import io.signalchain.config.ConfigLoader;
import io.signalchain.config.SignalchainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The repository's default configuration and its folders, for tests. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The repository root (tests run with the module folder jobs/ as working directory). */
  public static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("conf")) ? here : here.getParent();
  }

  public static Path defaultConfFile() {
    return repositoryRoot().resolve("conf/signalchain.yaml");
  }

  public static SignalchainConfig defaults() {
    return ConfigLoader.load(defaultConfFile());
  }

  public static SignalchainConfig defaults(Map<String, String> overrides) {
    return ConfigLoader.load(defaultConfFile(), overrides);
  }

  /** Writes a file (parents created) and returns its path. */
  public static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
