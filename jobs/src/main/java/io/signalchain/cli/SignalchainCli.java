package io.signalchain.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import io.signalchain.config.ConfigLoader;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.Errors;
import io.signalchain.errors.ExitCode;
import io.signalchain.errors.SignalchainException;
import io.signalchain.generate.GenerateOptions;
import io.signalchain.generate.GenerateSummary;
import io.signalchain.generate.SampleGenerator;
import io.signalchain.pipeline.InputCounts;
import io.signalchain.pipeline.NightlyRun;
import io.signalchain.pipeline.RunResult;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.RunStatus;
import io.signalchain.report.ReportData;
import io.signalchain.report.ReportLoader;
import io.signalchain.report.ReportWriter;
import io.signalchain.report.RunReport;
import io.signalchain.spark.SparkSessions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.spark.sql.SparkSession;

/**
 * The command line: {@code signalchain <command> [options]}. Parses, loads the configuration,
 * runs the command and turns every outcome into one exit code ({@link ExitCode}).
 */
public final class SignalchainCli {
  static final String USAGE = "signalchain <run|validate|generate|report> [options]";
  static final int MAX_BACKFILL_DAYS = 3660;
  private final PrintStream out;
  private final PrintStream err;

  public SignalchainCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new SignalchainCli(System.out, System.err).execute(args).code);
  }

  public ExitCode execute(String[] args) {
    try {
      CommandLine line = parse(args);
      if (line.hasOption("help") || line.getArgList().isEmpty()) {
        printHelp();
        return line.hasOption("help") ? ExitCode.SUCCESS : ExitCode.USAGE_OR_CONFIGURATION;
      }
      List<String> commands = line.getArgList();
      if (commands.size() > 1) {
        throw Errors.usage("one command expected, found: " + String.join(" ", commands));
      }
      return switch (commands.get(0)) {
        case "run" -> run(line);
        case "validate" -> validate(line);
        case "generate" -> generate(line);
        case "report" -> report(line);
        default -> throw Errors.usage("unknown command '" + commands.get(0)
            + "'; expected run, validate, generate or report");
      };
    } catch (SignalchainException e) {
      if (e.misuse()) {
        err.println("usage: " + USAGE);
      }
      err.println("signalchain: " + e.getMessage());
      err.println("signalchain: what to do: " + e.remedy());
      return failed(args, e.exitCode(), e.getMessage());
    } catch (Exception e) { // Spark also throws checked exceptions undeclared
      e.printStackTrace(err);
      err.println("signalchain: unexpected failure (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + "); the stack trace is above. Nothing was published for this run; rerun after fixing the cause.");
      return failed(args, ExitCode.UNEXPECTED, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A run always ends its stdout with a JSON line, also when it failed before or between dates. */
  private ExitCode failed(String[] args, ExitCode code, String message) {
    if (Arrays.asList(args).contains("run")) {
      out.println(RunSummary.failure(code, message));
    }
    return code;
  }

  private ExitCode run(CommandLine line) {
    List<LocalDate> dates = runDates(line);
    boolean backfill = line.hasOption("from");
    if (line.hasOption("team")) {
      throw Errors.usage("--team is an option of report: signalchain report --team NAME (output.report_per_team "
          + "writes every team's report with each run)");
    }
    SignalchainConfig config = config(line);
    boolean withReport = line.hasOption("report") || config.writeReport();
    try (var job = SparkSessions.forJob("signalchain", line.getOptionValue("master"))) {
      boolean skipSucceeded = backfill && !line.hasOption("force");
      new NightlyRun(job.spark(), config, line.hasOption("allow-empty")).run(dates, skipSucceeded, result -> {
        Optional<String> report = Optional.empty();
        List<String> teamReports = List.of();
        if (result.succeeded() && (withReport || config.reportPerTeam())) {
          ReportData data = ReportLoader.load(job.spark(), new DeltaOutput(config.outputPath()),
              Optional.of(result.runDate()));
          String location = reportLocation(config, data, line.getOptionValue("report-file"));
          if (withReport) {
            report = Optional.of(writeReport(job.spark(), config, data, location));
          }
          if (config.reportPerTeam()) {
            teamReports = data.teams().stream().map(team -> writeReport(job.spark(), config, data.forTeam(team),
                ReportWriter.teamLocation(location, team))).toList();
          }
        }
        printResult(result, report, teamReports);
      });
      return ExitCode.SUCCESS;
    }
  }

  private ExitCode report(CommandLine line) {
    Optional<LocalDate> runDate = Optional.ofNullable(line.getOptionValue("run-date")).map(d -> date("run-date", d));
    SignalchainConfig config = config(line);
    try (var job = SparkSessions.forJob("signalchain-report", line.getOptionValue("master"))) {
      ReportData data = ReportLoader.load(job.spark(), new DeltaOutput(config.outputPath()), runDate);
      String file = line.getOptionValue("report-file");
      if (line.hasOption("team")) {
        String team = line.getOptionValue("team");
        data = data.forTeam(team);
        file = file != null ? file : ReportWriter.teamLocation(reportLocation(config, data, null), team);
      }
      out.println("Report: " + writeReport(job.spark(), config, data, reportLocation(config, data, file)));
      return ExitCode.SUCCESS;
    }
  }

  /** {@code file}, else the default location of the run's report. */
  private static String reportLocation(SignalchainConfig config, ReportData data, String file) {
    return file != null ? file : ReportWriter.defaultLocation(config.outputPath(), data.runDate());
  }

  /** Renders the report of a succeeded run to {@code location}; returns where it went. */
  private static String writeReport(SparkSession spark, SignalchainConfig config, ReportData data, String location) {
    return ReportWriter.write(spark, RunReport.html(data, config.reportLanguage()), location, data.runDate());
  }

  /** --run-date D, or every day of --from D1 --to D2; empty for the configured default. */
  static List<LocalDate> runDates(CommandLine line) {
    boolean range = line.hasOption("from") || line.hasOption("to");
    if (range && line.hasOption("run-date")) {
      throw Errors.usage("use either --run-date or --from/--to, not both");
    }
    if (!range) {
      return line.hasOption("run-date") ? List.of(date("run-date", line.getOptionValue("run-date"))) : List.of();
    }
    if (!line.hasOption("from") || !line.hasOption("to")) {
      throw Errors.usage("a backfill needs both --from and --to");
    }
    LocalDate from = date("from", line.getOptionValue("from"));
    LocalDate to = date("to", line.getOptionValue("to"));
    if (to.isBefore(from)) {
      throw Errors.usage("--to " + to + " is before --from " + from);
    }
    if (from.plusDays(MAX_BACKFILL_DAYS).isBefore(to)) {
      throw Errors.usage("a backfill covers at most " + MAX_BACKFILL_DAYS + " days; split " + from + " to " + to);
    }
    return from.datesUntil(to.plusDays(1)).toList();
  }

  private ExitCode validate(CommandLine line) {
    SignalchainConfig config = config(line);
    try (var job = SparkSessions.forJob("signalchain-validate", line.getOptionValue("master"))) {
      var inputs = new NightlyRun(job.spark(), config).validateInputs();
      try {
        boolean ok = true;
        List<InputCounts> counts = NightlyRun.countRows(inputs);
        for (InputCounts c : counts) {
          out.printf(Locale.ROOT, "%-17s read %,10d  accepted %,10d  rejected %,8d (%.2f%%)%n", c.source(), c.read(),
              c.accepted(), c.rejected(), 100 * c.rejectShare());
          ok &= c.read() > 0 && c.rejectShare() <= config.maxRejectShare();
        }
        var reasons = inputs.rejected().groupBy("source", "reason").count().cache();
        for (InputCounts c : counts) {
          reasons.filter(col("source").equalTo(c.source())).orderBy(desc("count")).limit(20).collectAsList()
              .forEach(r -> out.printf(Locale.ROOT, "  %-17s %6d × %s%n", r.getString(0), r.getLong(2),
                  r.getString(1)));
        }
        reasons.unpersist();
        return ok ? ExitCode.SUCCESS : ExitCode.DATA_QUALITY;
      } finally {
        inputs.unpersist();
      }
    }
  }

  private ExitCode generate(CommandLine line) {
    if (!line.hasOption("out")) {
      throw Errors.usage("generate needs --out DIR, the folder to write the three inputs to");
    }
    GenerateOptions options;
    try {
      options = new GenerateOptions(Path.of(line.getOptionValue("out")).toAbsolutePath().toString(),
          number(line, "scale", 0.02), (long) number(line, "seed", 42), line.getOptionValue("format", "csv"),
          line.hasOption("end-date") ? date("end-date", line.getOptionValue("end-date"))
              : LocalDate.now(ZoneOffset.UTC).minusDays(1),
          (int) number(line, "days", 120),
          number(line, "contacts-per-response", GenerateOptions.DEFAULT_CONTACTS_PER_RESPONSE));
    } catch (IllegalArgumentException e) {
      throw Errors.usage("generate: " + e.getMessage());
    }
    try (var job = SparkSessions.forJob("signalchain-generate", line.getOptionValue("master"))) {
      GenerateSummary summary = SampleGenerator.generate(job.spark(), options);
      out.printf(Locale.ROOT, "Generated %,d survey responses, %,d contacts and %,d process volumes (%s):%n",
          summary.surveyResponses(), summary.contacts(), summary.processVolumes(), options.format());
      summary.files().forEach((input, file) -> out.printf(Locale.ROOT, "  %-17s %s%n", input, file));
      return ExitCode.SUCCESS;
    }
  }

  private static double number(CommandLine line, String option, double fallback) {
    String value = line.getOptionValue(option);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw Errors.usage("--" + option + " expects a number, found '" + value + "'");
    }
  }

  /** A readable account of one run date, then its one-line JSON summary for orchestrators. */
  private void printResult(RunResult result, Optional<String> htmlReport, List<String> teamReports) {
    if (result.status() == RunStatus.SKIPPED) {
      out.printf(Locale.ROOT, "Run date %s skipped: %s%n", result.runDate(), result.message());
    } else {
      out.printf(Locale.ROOT, "Run %s for %s %s in %.1f s: %,d rows read, %,d rejected.%n", result.runId(),
          result.runDate(), result.status(), result.seconds(), result.rowsRead(), result.rowsRejected());
      if (!result.tableRows().isEmpty()) {
        out.println("Delta tables:");
      }
      for (var table : result.tableRows().entrySet()) {
        out.printf(Locale.ROOT, "  %-17s %,8d rows  %s%n", table.getKey(), table.getValue(),
            result.tablePaths().get(table.getKey()));
      }
    }
    htmlReport.ifPresent(location -> out.println("Report: " + location));
    teamReports.forEach(location -> out.println("Team report: " + location));
    out.println(RunSummary.json(result, htmlReport));
  }

  private SignalchainConfig config(CommandLine line) {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (line.hasOption("output")) {
      overrides.put("output.path", Path.of(line.getOptionValue("output")).toAbsolutePath().toString());
    }
    if (line.hasOption("window-days")) {
      overrides.put("analysis.window_days", line.getOptionValue("window-days"));
    }
    for (String input : valuesOf(line, "input")) {
      String[] kv = keyValue("input", input);
      if (!SignalchainConfig.INPUT_NAMES.contains(kv[0])) {
        throw Errors.usage("--input " + input + ": unknown input '" + kv[0] + "'; expected one of "
            + SignalchainConfig.INPUT_NAMES);
      }
      String path = kv[1].matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? kv[1] : Path.of(kv[1]).toAbsolutePath().toString();
      overrides.put("inputs." + kv[0] + ".path", path);
    }
    for (String set : valuesOf(line, "set")) {
      String[] kv = keyValue("set", set);
      overrides.put(kv[0], kv[1]);
    }
    return ConfigLoader.load(confFile(line), overrides);
  }

  private static Path confFile(CommandLine line) {
    if (line.hasOption("conf")) {
      return Path.of(line.getOptionValue("conf"));
    }
    String home = System.getProperty("signalchain.home");
    return home != null ? Path.of(home, "conf", "signalchain.yaml") : Path.of("conf", "signalchain.yaml");
  }

  private static List<String> valuesOf(CommandLine line, String option) {
    String[] values = line.getOptionValues(option);
    return values == null ? List.of() : List.of(values);
  }

  private static String[] keyValue(String option, String value) {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw Errors.usage("--" + option + " expects KEY=VALUE, found '" + value + "'");
    }
    return new String[] {value.substring(0, eq).trim(), value.substring(eq + 1).trim()};
  }

  static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.usage("--" + option + " expects a date as YYYY-MM-DD, found '" + value + "'");
    }
  }

  private static CommandLine parse(String[] args) {
    try {
      return new DefaultParser().parse(options(), args);
    } catch (ParseException e) {
      throw Errors.usage(e.getMessage());
    }
  }

  static Options options() {
    return new Options()
        .addOption(Option.builder("h").longOpt("help").desc("Show this help.").build())
        .addOption(Option.builder("c").longOpt("conf").hasArg().argName("FILE")
            .desc("Configuration file (default: conf/signalchain.yaml of the installation).").build())
        .addOption(Option.builder("d").longOpt("run-date").hasArg().argName("YYYY-MM-DD")
            .desc("The logical date of the run; the analysis covers the window ending that day. "
                + "Default: analysis.default_run_date of the configuration.").build())
        .addOption(Option.builder().longOpt("from").hasArg().argName("YYYY-MM-DD")
            .desc("Backfill: first run date; every date up to --to is run in order.").build())
        .addOption(Option.builder().longOpt("to").hasArg().argName("YYYY-MM-DD")
            .desc("Backfill: last run date (inclusive).").build())
        .addOption(Option.builder().longOpt("force")
            .desc("Backfill: also rerun dates that already have a SUCCEEDED run (skipped otherwise).").build())
        .addOption(Option.builder().longOpt("allow-empty")
            .desc("run: publish a run whose analysis window holds no survey responses and no contacts "
                + "(otherwise it fails the quality gate, exit 3).").build())
        .addOption(Option.builder().longOpt("window-days").hasArg().argName("N")
            .desc("Days in the analysis window (overrides analysis.window_days).").build())
        .addOption(Option.builder("o").longOpt("output").hasArg().argName("PATH")
            .desc("Folder of the output Delta tables (overrides output.path).").build())
        .addOption(Option.builder("i").longOpt("input").hasArg().argName("NAME=PATH")
            .desc("Location of one input (survey_responses, contacts, process_volumes); repeatable.").build())
        .addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE")
            .desc("Override any configuration key, e.g. --set inputs.contacts.format=parquet; repeatable.").build())
        .addOption(Option.builder().longOpt("master").hasArg().argName("URL")
            .desc("Spark master when not launched by spark-submit (default local[*]).").build())
        .addOption(Option.builder().longOpt("report")
            .desc("run: also write the HTML report of each run date (as output.report: true does).").build())
        .addOption(Option.builder().longOpt("report-file").hasArg().argName("PATH")
            .desc("report: where to write the HTML (default reports/signalchain-<run_date>.html beside the output "
                + "folder).").build())
        .addOption(Option.builder().longOpt("team").hasArg().argName("NAME")
            .desc("report: the report of one team's steps only (a team that owns steps in journey.yaml), by default "
                + "to reports/signalchain-<run_date>-team-<NAME>.html beside the output folder.").build())
        .addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
            .desc("generate: folder for survey_responses, contacts and process_volumes.").build())
        .addOption(Option.builder().longOpt("scale").hasArg().argName("S")
            .desc("generate: 1 = 1,000,000 survey responses (default 0.02).").build())
        .addOption(Option.builder().longOpt("seed").hasArg().argName("N")
            .desc("generate: random seed; the same seed gives the same data (default 42).").build())
        .addOption(Option.builder().longOpt("format").hasArg().argName("csv|parquet")
            .desc("generate: output format (default csv).").build())
        .addOption(Option.builder().longOpt("end-date").hasArg().argName("YYYY-MM-DD")
            .desc("generate: last day of the generated period (default yesterday).").build())
        .addOption(Option.builder().longOpt("days").hasArg().argName("N")
            .desc("generate: days in the generated period (default 120).").build())
        .addOption(Option.builder().longOpt("contacts-per-response").hasArg().argName("R")
            .desc("generate: contacts per survey response (default 10).").build());
  }

  private void printHelp() {
    PrintWriter writer = new PrintWriter(out, true);
    new HelpFormatter().printHelp(writer, 100, USAGE, """

        Signalchain: nightly customer signal management on Spark and Delta.

        Commands:
          run        read, validate, analyse and write the Delta tables for one run date
          validate   read and validate the inputs only: counts and reject reasons; writes nothing
          generate   write a realistic, seeded sample organisation's inputs (CSV or Parquet)
          report     write the self-contained HTML report of a succeeded run (latest, or --run-date);
                     with --team NAME, of that team's steps only

        Options:""", options(), 2, 4, """

        Examples:
          signalchain run                                  # the sample data, default configuration
          signalchain run --run-date 2026-10-31 --output /tmp/signalchain
          signalchain run --from 2026-10-01 --to 2026-10-31          # backfill; succeeded dates skipped
          signalchain run --report                                   # and write the HTML report
          signalchain run --run-date 2026-12-25 --allow-empty        # a date without signals, on purpose
          signalchain report --run-date 2026-10-31 --report-file /tmp/report.html
          signalchain report --team billing                          # the steps team billing owns
          signalchain run --conf /etc/signalchain/signalchain.yaml --input contacts=/data/contacts.csv
          signalchain validate --set inputs.contacts.format=parquet --input contacts=/data/contacts
          signalchain generate --scale 1 --format parquet --out /data/signalchain-scale1
          signalchain generate --scale 0.02 --contacts-per-response 1.5 --end-date 2026-10-31 --out data-samples

        Exit codes: 0 success, 1 unexpected failure, 2 usage or configuration error,
                    3 data-quality gate failed (too many rejects, an empty input, or a window without
                      survey responses and contacts unless --allow-empty), 4 input missing or unreadable.""");
  }
}
