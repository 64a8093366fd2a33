package io.signalchain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;

import io.signalchain.channels.ChannelMix;
import io.signalchain.channels.ContactReasons;
import io.signalchain.cli.Errors;
import io.signalchain.cli.SignalchainException;
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
import io.signalchain.output.DeltaOutput;
import io.signalchain.output.RunContext;
import io.signalchain.output.RunLog;
import io.signalchain.priority.StepPriority;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly job, one way through: read → validate → conform to the journey → analyse → write.
 * Analyses are pure functions of the conformed signals; only this class reads and writes.
 */
public final class NightlyRun {
  private final SparkSession spark;
  private final SignalchainConfig config;

  public NightlyRun(SparkSession spark, SignalchainConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** Reads and validates every input; nothing is written. */
  public Map<String, ValidatedInput> validateInputs() {
    Map<String, ValidatedInput> inputs = new LinkedHashMap<>();
    for (String source : SignalchainConfig.INPUT_NAMES) {
      var contract = InputContracts.forInput(source, config);
      var raw = InputReader.read(spark, contract, config.input(source));
      inputs.put(source, Validation.validate(raw, contract).persisted());
    }
    return inputs;
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

  public RunResult run(Optional<LocalDate> requestedRunDate) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    Map<String, ValidatedInput> inputs = validateInputs();
    List<InputCounts> counts = countRows(inputs);
    LocalDate runDate = requestedRunDate.orElseGet(() -> defaultRunDate(inputs));
    RunContext run = new RunContext(UUID.randomUUID().toString(), runDate,
        AnalysisWindow.ending(runDate, config.windowDays()), startedAt);
    Stage.info("run %s for run_date %s, window %s to %s", run.runId(), runDate, run.window().first(),
        run.window().last());

    DeltaOutput output = new DeltaOutput(config.outputPath());
    Map<String, Long> written = new LinkedHashMap<>();
    try {
      written.put("rejected_records", output.replaceRun("rejected_records", rejected(inputs), run));
      checkQuality(inputs, counts);

      Map<String, Dataset<Row>> tables = analyse(inputs, run.window());
      for (var table : tables.entrySet()) {
        try (Stage stage = Stage.start("write " + table.getKey())) {
          long rows = output.replaceRun(table.getKey(), table.getValue(), run);
          stage.detail("%,d rows", rows);
          written.put(table.getKey(), rows);
        }
      }
      written.put("journey_steps",
          output.replaceAll("journey_steps", JourneyStepsTable.of(spark, config.journey()), run));
      finish(output, run, RunLog.SUCCEEDED, counts, "ok");
      written.put(RunLog.TABLE, spark.read().format("delta").load(output.path(RunLog.TABLE)).count());
    } catch (SignalchainException e) {
      finish(output, run, RunLog.FAILED, counts, e.getMessage());
      throw e;
    } finally {
      inputs.values().forEach(i -> i.rows().unpersist());
    }
    Map<String, String> paths = new LinkedHashMap<>();
    written.keySet().forEach(t -> paths.put(t, output.path(t)));
    return new RunResult(run.runId(), runDate, RunLog.SUCCEEDED, counts, written, paths,
        (System.nanoTime() - started) / 1e9);
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
    Dataset<Row> stepKpis = StepKpis.compute(surveys, contacts, volumes, units, config);
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

  private void checkQuality(Map<String, ValidatedInput> inputs, List<InputCounts> counts) {
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
