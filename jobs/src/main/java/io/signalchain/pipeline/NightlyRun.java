package io.signalchain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.signalchain.channels.ChannelMix;
import io.signalchain.channels.ContactReasons;
import io.signalchain.errors.Errors;
import io.signalchain.errors.SignalchainException;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.drivers.DriverStage;
import io.signalchain.drivers.DriverTables;
import io.signalchain.input.InputContracts;
import io.signalchain.input.InputReader;
import io.signalchain.input.ValidatedInput;
import io.signalchain.input.Validation;
import io.signalchain.journey.AnalysisWindow;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.journey.JourneyStepsTable;
import io.signalchain.kpi.StepKpis;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.RunContext;
import io.signalchain.publish.RunLog;
import io.signalchain.priority.StepPriority;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly job, one way through: read → validate → conform to the journey → analyse → publish.
 * Analyses are pure functions of the conformed signals; only this class reads and writes.
 */
public final class NightlyRun {
  private final SparkSession spark;
  private final SignalchainConfig config;

  public NightlyRun(SparkSession spark, SignalchainConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** Reads and validates every input (cached for the run) against today's date (UTC); nothing is written. */
  public Map<String, ValidatedInput> validateInputs() {
    return validateInputs(LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * Reads and validates every input, dated signals against {@code today}; each input is read
   * once for its rows (kept for the run: typed rows, reasons, and the raw record of rejected rows
   * only) after one pass over its id column for repeated ids. Nothing is written.
   */
  public Map<String, ValidatedInput> validateInputs(LocalDate today) {
    Map<String, ValidatedInput> inputs = new LinkedHashMap<>();
    try {
      for (String source : SignalchainConfig.INPUT_NAMES) {
        try (Stage stage = Stage.start("check ids " + source)) {
          var contract = InputContracts.forInput(source, config, today);
          var raw = InputReader.read(spark, contract, config.input(source));
          inputs.put(source, Validation.validate(raw, contract).persisted());
        }
      }
      return inputs;
    } catch (RuntimeException e) {
      inputs.values().forEach(ValidatedInput::unpersist);
      throw e;
    }
  }

  public static List<InputCounts> countRows(Map<String, ValidatedInput> inputs) {
    List<InputCounts> counts = new ArrayList<>();
    for (ValidatedInput input : inputs.values()) {
      try (Stage stage = Stage.start("validate " + input.source())) {
        Row row = input.rows().agg(count(lit(1)), count(col(Validation.REASON))).first();
        InputCounts c = new InputCounts(input.source(), row.getLong(0), row.getLong(1));
        stage.detail("read %,d = accepted %,d + rejected %,d", c.read(), c.accepted(), c.rejected());
        counts.add(c);
      }
    }
    return counts;
  }

  /**
   * Runs the requested dates in order over one read of the inputs: one date for a nightly run,
   * several for a backfill; none means the configured default date. With {@code skipSucceeded},
   * dates that already have a SUCCEEDED run are skipped. Stops at the first failing date, whose
   * exception propagates after {@code onResult} has seen its FAILED result.
   */
  public List<RunResult> run(List<LocalDate> requestedDates, boolean skipSucceeded, Consumer<RunResult> onResult) {
    Map<String, ValidatedInput> inputs = validateInputs();
    try {
      List<InputCounts> counts = countRows(inputs);
      List<LocalDate> dates = requestedDates.isEmpty() ? List.of(defaultRunDate(inputs)) : requestedDates;
      DeltaOutput output = new DeltaOutput(config.outputPath());
      Set<LocalDate> succeeded = skipSucceeded ? RunLog.succeededDates(spark, output) : Set.of();
      List<RunResult> results = new ArrayList<>();
      for (LocalDate date : dates) {
        RunResult result = succeeded.contains(date) ? RunResult.skipped(date, counts)
            : runDate(date, inputs, counts, output, onResult);
        results.add(result);
        onResult.accept(result);
      }
      return results;
    } finally {
      inputs.values().forEach(ValidatedInput::unpersist);
    }
  }

  private RunResult runDate(LocalDate runDate, Map<String, ValidatedInput> inputs, List<InputCounts> counts,
      DeltaOutput output, Consumer<RunResult> onResult) {
    long started = System.nanoTime();
    RunContext run = new RunContext(UUID.randomUUID().toString(), runDate,
        AnalysisWindow.ending(runDate, config.windowDays()), Instant.now());
    Stage.info("run %s for run_date %s, window %s to %s", run.runId(), runDate, run.window().first(),
        run.window().last());
    Map<String, Long> written = new LinkedHashMap<>();
    String failure = "unexpected failure; see the job's log";
    try {
      // Rejected rows are written even when the quality gate then fails: they are its evidence.
      write(output, "rejected_records", rejected(inputs), run, written);
      checkQuality(counts);
      for (var table : analyse(inputs, run.window()).entrySet()) {
        write(output, table.getKey(), table.getValue(), run, written);
      }
      written.put("journey_steps",
          output.replaceAll("journey_steps", JourneyStepsTable.of(spark, config.journey()), run));
      // The SUCCEEDED row comes last: it is what makes the run's rows valid for readers.
      finish(output, run, RunLog.SUCCEEDED, counts, "ok");
      failure = null;
      written.put(RunLog.TABLE, spark.read().format("delta").load(output.path(RunLog.TABLE)).count());
    } catch (SignalchainException e) {
      failure = e.getMessage();
      throw e;
    } finally {
      if (failure != null) {
        recordFailure(output, run, counts, failure);
        onResult.accept(new RunResult(run.runId(), runDate, RunLog.FAILED, failure, counts, written,
            paths(output, written), seconds(started)));
      }
    }
    return new RunResult(run.runId(), runDate, RunLog.SUCCEEDED, "ok", counts, written, paths(output, written),
        seconds(started));
  }

  private static Map<String, String> paths(DeltaOutput output, Map<String, Long> written) {
    Map<String, String> paths = new LinkedHashMap<>();
    written.keySet().forEach(t -> paths.put(t, output.path(t)));
    return paths;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void write(DeltaOutput output, String table, Dataset<Row> rows, RunContext run,
      Map<String, Long> written) {
    try (Stage stage = Stage.start("write " + table)) {
      long count = output.replaceRun(table, rows, run);
      stage.detail("%,d rows", count);
      written.put(table, count);
    }
  }

  /** Every analysis table of the run, by table name, from the validated inputs. */
  Map<String, Dataset<Row>> analyse(Map<String, ValidatedInput> inputs, AnalysisWindow window) {
    var journey = config.journey();
    Dataset<Row> surveys = JourneyConformance.toUnits(
        inputs.get(InputContracts.SURVEY_RESPONSES).accepted().filter(window.contains(col("responded_at"))), journey);
    Dataset<Row> contacts = JourneyConformance.toUnits(
        inputs.get(InputContracts.CONTACTS).accepted().filter(window.contains(col("contacted_at"))), journey);
    Dataset<Row> volumes = JourneyConformance.toUnits(
        inputs.get(InputContracts.PROCESS_VOLUMES).accepted().filter(window.contains(col("date"))), journey);
    List<String> units = JourneyStepsTable.units(journey);

    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    // Small, and read twice (its own table and the priorities): computed once.
    Dataset<Row> stepKpis = StepKpis.compute(surveys, contacts, volumes, units, config).localCheckpoint();
    tables.put("step_kpis", stepKpis);
    tables.put("step_priority", StepPriority.compute(stepKpis, config));
    tables.put("channel_mix", ChannelMix.compute(surveys, contacts, volumes, config));
    tables.put("contact_reasons", ContactReasons.compute(contacts, config));
    try (Stage stage = Stage.start("driver analysis")) {
      DriverTables drivers = DriverStage.analyse(surveys,
          inputs.get(InputContracts.SURVEY_RESPONSES).driverColumns(), journey.ids(), config.drivers());
      stage.detail("%d steps, %d driver columns", journey.ids().size(),
          inputs.get(InputContracts.SURVEY_RESPONSES).driverColumns().size());
      tables.put("driver_models", drivers.models());
      tables.put("driver_importance", drivers.importance());
    }
    return tables;
  }

  private Dataset<Row> rejected(Map<String, ValidatedInput> inputs) {
    return inputs.values().stream().map(ValidatedInput::rejected).reduce(Dataset::unionByName).orElseThrow();
  }

  private void checkQuality(List<InputCounts> counts) {
    for (InputCounts c : counts) {
      if (c.read() == 0) {
        throw Errors.emptyInput(c.source(), config.input(c.source()).path());
      }
      if (c.rejectShare() > config.maxRejectShare()) {
        throw Errors.rejectShare(c.source(), c.rejected(), c.read(), config.maxRejectShare());
      }
    }
  }

  private void finish(DeltaOutput output, RunContext run, String status, List<InputCounts> counts, String message) {
    long read = counts.stream().mapToLong(InputCounts::read).sum();
    long rejected = counts.stream().mapToLong(InputCounts::rejected).sum();
    var log = new RunLog(run, Instant.now(), status, read, rejected, message);
    output.append(RunLog.TABLE, log.toRow(spark), run);
  }

  /** Best effort: a failure to log the failure must not hide the failure itself. */
  private void recordFailure(DeltaOutput output, RunContext run, List<InputCounts> counts, String message) {
    try {
      finish(output, run, RunLog.FAILED, counts, message);
    } catch (RuntimeException e) {
      Stage.info("could not record the failed run in run_log: %s", e.getMessage());
    }
  }

  /** yesterday (UTC), the last day with signals, or the configured date. */
  private LocalDate defaultRunDate(Map<String, ValidatedInput> inputs) {
    String setting = config.defaultRunDate();
    if (setting.equals("yesterday")) {
      return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }
    if (!setting.equals("latest-data")) {
      return LocalDate.parse(setting);
    }
    Row surveys = inputs.get(InputContracts.SURVEY_RESPONSES).accepted().agg(max(to_date(col("responded_at")))).first();
    Row contacts = inputs.get(InputContracts.CONTACTS).accepted().agg(max(to_date(col("contacted_at")))).first();
    LocalDate latest = null;
    for (Row r : List.of(surveys, contacts)) {
      if (!r.isNullAt(0)) {
        LocalDate d = r.getDate(0).toLocalDate();
        latest = latest == null || d.isAfter(latest) ? d : latest;
      }
    }
    return latest != null ? latest : LocalDate.now(ZoneOffset.UTC).minusDays(1);
  }
}
