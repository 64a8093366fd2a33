package io.signalchain.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Renders a page in headless Chromium, as a reader's browser would, and checks it rendered cleanly. */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /**
   * Renders {@code page} to {@code screenshot} (under target/, kept for a look) with a fresh
   * profile in {@code dir}: no console messages, and a screenshot with content. Skipped where
   * Chromium is not installed.
   */
  public static void assertRendersCleanly(Path page, Path screenshot, Path dir) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (.ci/run installs it)");
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    Path log = dir.resolve(screenshot.getFileName() + ".log");
    Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile-" + screenshot.getFileName()),
        "--enable-logging=stderr", "--v=0", "--window-size=1400,2600", "--screenshot=" + screenshot,
        page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(browser.waitFor(2, TimeUnit.MINUTES), "chromium finished");
    String output = Files.readString(log);
    assertFalse(output.contains("CONSOLE") || output.contains("Uncaught"), "no console messages:\n" + output);
    assertTrue(Files.size(screenshot) > 50_000, "a screenshot with content: " + screenshot);
  }
}
