package io.signalchain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalchain.errors.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One run of the nightly job on data-samples/ (run date 2026-10-31) per Maven test run, shared
 * by the tests that read its output: the job is run once, not once per test class, and under
 * Maven once for both test JVMs. It also writes every team's report
 * ({@code output.report_per_team}). Its readers only read: reports of it go to files of their own.
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
        Path dir = sharedFolder();
        Files.createDirectories(dir);
        // The JVM that takes the lock first runs the job; the other waits, then reads what it printed.
        try (FileChannel lock = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); var held = lock.lock()) {
          result = Files.exists(dir.resolve("code")) ? load(dir) : runInto(dir);
        }
        assertEquals(ExitCode.SUCCESS, result.code(), result.err());
        // the report goes beside the output folder, so both stay inside the shared folder
        output = dir.resolve("delta");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return output;
  }

  /** Under Maven, a folder of the build (its test JVMs share it); elsewhere, a folder of this JVM. */
  private static Path sharedFolder() throws IOException {
    String build = System.getProperty("signalchain.test.build");
    return build == null || build.isBlank() ? Files.createTempDirectory("signalchain-sample-run")
        : Path.of(System.getProperty("java.io.tmpdir"), "signalchain-sample-run-" + build);
  }

  private static CliRunner.Result runInto(Path dir) throws IOException {
    if (Files.exists(dir.resolve("delta"))) {
      throw new IllegalStateException("the sample run in " + dir + " began in another test JVM and never ended");
    }
    var r = CliRunner.run("run", "--run-date", RUN_DATE, "--output", dir.resolve("delta").toString(), "--set",
        "output.report_per_team=true");
    Files.writeString(dir.resolve("out"), r.out());
    Files.writeString(dir.resolve("err"), r.err());
    Files.writeString(dir.resolve("code"), r.code().name()); // last: its presence says the run has ended
    return r;
  }

  private static CliRunner.Result load(Path dir) throws IOException {
    return new CliRunner.Result(ExitCode.valueOf(Files.readString(dir.resolve("code"))),
        Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
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
