package io.signalchain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.errors.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage and configuration errors end with exit code 2 and one line saying what to do; no Spark starts. */
class CliUsageTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ExitCode execute(String... args) {
    return new SignalchainCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
  }

  @Test
  void helpExplainsCommandsOptionsExamplesAndExitCodes() {
    assertEquals(ExitCode.SUCCESS, execute("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String expected : new String[] {"run", "validate", "--conf", "--run-date", "--output", "--input", "--set",
        "--window-days", "--master", "--team", "report --team billing", "Examples:", "Exit codes"}) {
      assertTrue(help.contains(expected), "help mentions " + expected + ":\n" + help);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "run --no-such-option|Unrecognized option: --no-such-option",
      "frobnicate|unknown command 'frobnicate'",
      "run validate|one command expected",
      "run --run-date 31-10-2026|--run-date expects a date as YYYY-MM-DD",
      "run --conf /nonexistent/signalchain.yaml|/nonexistent/signalchain.yaml cannot be read",
      "run --conf ../conf/signalchain.yaml --set analysis.window_days=-1|analysis.window_days",
      "run --input nowhere=/tmp/x.csv|unknown input 'nowhere'",
      "run --set novalue|--set expects KEY=VALUE",
      "run --team billing|--team is an option of report",
  })
  void usageErrorsExitWithTwoAndSayWhatToDo(String args, String message) {
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, execute(args.split(" ")));
    String error = err.toString(StandardCharsets.UTF_8);
    assertTrue(error.contains(message), error);
    assertTrue(error.contains("what to do:"), error);
    if (!message.contains("analysis.window_days") && !message.contains("cannot be read")) {
      assertTrue(error.startsWith("usage: signalchain <run|validate|generate|report> [options]"), error);
    }
  }

  @Test
  void noCommandPrintsUsage() {
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, execute());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: signalchain"));
  }
}
