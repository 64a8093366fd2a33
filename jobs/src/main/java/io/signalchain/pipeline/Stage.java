package io.signalchain.pipeline;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one concise progress line per pipeline stage, with its duration. */
final class Stage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.signalchain");
  private final String name;
  private final long started = System.nanoTime();
  private String detail = "";

  private Stage(String name) {
    this.name = name;
  }

  static Stage start(String name) {
    return new Stage(name);
  }

  Stage detail(String format, Object... args) {
    detail = String.format(Locale.ROOT, format, args);
    return this;
  }

  static void info(String format, Object... args) {
    LOG.info(String.format(Locale.ROOT, format, args));
  }

  @Override
  public void close() {
    LOG.info(String.format(Locale.ROOT, "%-18s %s (%.1f s)", name, detail, (System.nanoTime() - started) / 1e9));
  }
}
