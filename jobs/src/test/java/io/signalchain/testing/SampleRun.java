package io.signalchain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalchain.errors.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the nightly job on data-samples/ per test JVM (run date 2026-10-31), shared by the
 * tests that read its output: the job is run once, not once per test class.
 */
public final class SampleRun {
  public static final String RUN_DATE = "2026-10-31";
  private static Path output;
  private static CliRunner.Result result;

  private SampleRun() {}

  /** The output folder of the run; the run happens on first use. */
  public static synchronized Path output() {
    if (output == null) {
      try {
        // the report goes beside the output folder, so both stay inside the temporary folder
        Path dir = Files.createTempDirectory("signalchain-sample-run").resolve("delta");
        var r = CliRunner.run("run", "--run-date", RUN_DATE, "--output", dir.toString());
        assertEquals(ExitCode.SUCCESS, r.code(), r.err());
        output = dir;
        result = r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return output;
  }

  /** What the run printed, as a user saw it. */
  public static synchronized CliRunner.Result result() {
    output();
    return result;
  }

  /** The Delta tables the run wrote, by folder name. */
  public static List<String> tables() {
    try (var folders = Files.list(output())) {
      return folders.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).map(p -> p.getFileName().toString())
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String path(String table) {
    return output().resolve(table).toString();
  }

}
