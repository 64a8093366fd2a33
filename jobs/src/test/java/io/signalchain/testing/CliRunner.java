package io.signalchain.testing;

import io.signalchain.errors.ExitCode;
import io.signalchain.cli.SignalchainCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs the CLI in this JVM (on the shared session) with the repository's default configuration. */
public final class CliRunner {
  private CliRunner() {}

  public record Result(ExitCode code, String out, String err) {
    /** The last line of stdout: the JSON summary. */
    public String summary() {
      List<String> lines = out.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  public static Result run(String... args) {
    SharedSpark.session();
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--conf")) {
      all.addAll(1, List.of("--conf", TestConfigs.defaultConfFile().toString()));
    }
    ExitCode code = new SignalchainCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all.toArray(String[]::new));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public static Dataset<Row> table(Path output, String name) {
    return SharedSpark.session().read().format("delta").load(output.resolve(name).toString());
  }
}
