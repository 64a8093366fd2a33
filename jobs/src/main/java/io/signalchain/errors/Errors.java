package io.signalchain.errors;

import java.util.List;
import java.util.Locale;

/** Every user-facing error of Signalchain, built in one place: what is wrong, why, how to fix. */
public final class Errors {
  private Errors() {}

  public static SignalchainException usage(String what) {
    return new SignalchainException(ExitCode.USAGE_OR_CONFIGURATION, what,
        "Run with --help to see the commands and options.", null, true);
  }

  public static SignalchainException config(String file, String key, String what) {
    return new SignalchainException(ExitCode.USAGE_OR_CONFIGURATION,
        String.format(Locale.ROOT, "Configuration error in %s at '%s': %s", file, key, what),
        "Correct the key in the configuration file (see docs/configuration.md) and run again.", null);
  }

  public static SignalchainException pseudonymKeyMissing(String file, String key, String keyEnv) {
    return new SignalchainException(ExitCode.USAGE_OR_CONFIGURATION,
        String.format(Locale.ROOT, "Configuration error in %s at '%s': customer ids are to be pseudonymised, but the "
            + "environment variable %s that holds the key is not set or empty", file, key, keyEnv),
        "Set " + keyEnv + " to the organisation's pseudonymisation key (the same key every night: a new key gives "
            + "every customer a new id, see docs/privacy.md), or name another variable in privacy.key_env. "
            + "Nothing was written.", null);
  }

  public static SignalchainException configUnreadable(String file, Exception cause) {
    return new SignalchainException(ExitCode.USAGE_OR_CONFIGURATION,
        String.format(Locale.ROOT, "Configuration file %s cannot be read: %s", file, cause.getMessage()),
        "Check that the file exists and is valid YAML, or pass another file with --conf.", cause);
  }

  public static SignalchainException inputMissing(String source, String path, String why, Throwable cause) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "Input %s at %s cannot be read: %s", source, path, why),
        "Check inputs." + source + ".path and .format in the configuration (or the --input option), "
            + "and that the file is there and readable.", cause);
  }

  public static SignalchainException missingColumns(String source, String path, Iterable<String> missing,
      Iterable<String> present) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "Input %s at %s lacks required column(s) %s; it has %s",
            source, path, String.join(", ", missing), String.join(", ", present)),
        "Export the input with the column names of the input contract (docs/inputs.md); names are exact.", null);
  }

  public static SignalchainException duplicateColumns(String source, String file, String column, String first,
      String second) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "Input %s: %s has two columns that both read as %s: '%s' and '%s' "
            + "(column names are matched ignoring case and surrounding spaces)", source, file, column, first, second),
        "Keep one of the two columns in the export (or rename the other), then run again.", null);
  }

  public static SignalchainException badDriverColumn(String source, String file, String column) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "Input %s: %s has a driver column '%s' whose name is not driver_ followed by "
            + "letters, digits or underscores", source, file, column),
        "Rename the column in the export, e.g. driver_waiting_time (docs/inputs.md), then run again.", null);
  }

  public static SignalchainException emptyInput(String source, String path) {
    return new SignalchainException(ExitCode.DATA_QUALITY,
        String.format(Locale.ROOT, "Input %s at %s holds no rows", source, path),
        "Check that the upstream export ran; readers still see the date's previous succeeded run, if any.", null);
  }

  public static SignalchainException rejectShare(String source, long rejected, long read, double max) {
    return new SignalchainException(ExitCode.DATA_QUALITY,
        String.format(Locale.ROOT,
            "Input %s: %d of %d rows rejected (%.2f%%), more than the allowed %.2f%% (quality.max_reject_share)",
            source, rejected, read, 100.0 * rejected / read, 100.0 * max),
        "Inspect the reasons in rejected_records under this run's run_id, fix the source, and rerun; "
            + "readers still see the date's previous succeeded run, if any.", null);
  }

  public static SignalchainException emptyWindow(String runDate, String first, String last) {
    return new SignalchainException(ExitCode.DATA_QUALITY,
        String.format(Locale.ROOT, "The run for %s has nothing to analyse: its window %s to %s holds no survey "
            + "responses and no contacts", runDate, first, last),
        "Check the run date (--run-date, analysis.default_run_date) and that the exports cover the window; "
            + "the previous run of the date stays published. To publish an empty run on purpose, add --allow-empty.",
        null);
  }

  public static SignalchainException runIncomplete(String runId, String runDate, String table) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "The SUCCEEDED run %s of %s has no rows in %s: the output tables were changed "
            + "after the run published them", runId, runDate, table),
        "Run the date again (signalchain run --run-date " + runDate + "), then write the report.", null);
  }

  public static SignalchainException wrongColumnType(String source, String column, String stored, String expected) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "Input %s: column %s is stored as %s, which cannot hold %s",
            source, column, stored, expected),
        "Write the column with the type of the input contract (docs/inputs.md), or export the input as CSV.", null);
  }

  public static SignalchainException noSucceededRun(String runLog, String date) {
    return new SignalchainException(ExitCode.INPUT_UNREADABLE,
        String.format(Locale.ROOT, "No SUCCEEDED run for %s in %s", date, runLog),
        "Run the job first (signalchain run), or pass the --output folder and --run-date of a succeeded run.", null);
  }

  public static SignalchainException unknownTeam(String team, List<String> teams) {
    return new SignalchainException(ExitCode.USAGE_OR_CONFIGURATION, teams.isEmpty()
        ? String.format(Locale.ROOT, "unknown team '%s': no step of the run's journey has an owner", team)
        : String.format(Locale.ROOT, "unknown team '%s'; the teams that own steps are: %s", team,
            String.join(", ", teams)),
        "Pass one of those teams with --team (the owner of a step in journey.yaml), or leave --team out for the "
            + "report of every step.", null, true);
  }

  public static SignalchainException reportUnwritable(String location, String runDate, Throwable cause) {
    return new SignalchainException(ExitCode.UNEXPECTED,
        String.format(Locale.ROOT, "The HTML report of the run for %s cannot be written to %s: %s",
            runDate, location, cause.getMessage()),
        "The run's tables are published and need no rerun; make the folder writable (or pass --report-file), then "
            + "write the report with: signalchain report --run-date " + runDate, cause);
  }
}
