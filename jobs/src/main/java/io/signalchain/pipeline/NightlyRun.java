package io.signalchain.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.signalchain.actions.ActionEffects;
import io.signalchain.channels.ChannelMix;
import io.signalchain.channels.ContactReasons;
import io.delta.tables.DeltaTable;
import io.signalchain.errors.Errors;
import io.signalchain.errors.SignalchainException;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.drivers.DriverStage;
import io.signalchain.drivers.DriverTables;
import io.signalchain.followups.FollowUpStats;
import io.signalchain.followups.FollowUps;
import io.signalchain.input.InputContracts;
import io.signalchain.input.InputReader;
import io.signalchain.input.ValidatedInput;
import io.signalchain.input.Validation;
import io.signalchain.journey.AnalysisWindow;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.ContactGroups;
import io.signalchain.journey.CustomerPseudonym;
import io.signalchain.journey.CustomerSignals;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.journey.JourneyStepsTable;
import io.signalchain.kpi.StepKpis;
import io.signalchain.monitoring.Monitoring;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.publish.RunContext;
import io.signalchain.publish.OutputTable;
import io.signalchain.publish.RunLog;
import io.signalchain.publish.RunStatus;
import io.signalchain.priority.StepPriority;
import io.signalchain.teams.TeamScorecards;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly job, one way through: read → validate → conform to the journey → analyse → publish.
 * Analyses are pure functions of the conformed signals; only this class reads and writes.
 */
public final class NightlyRun {
  /** Tables written at once: enough to overlap the Delta log work of small tables, few enough for two cores. */
  private static final int PARALLEL_WRITES = 4;
  /** customer_timeline: one row per signal, found by customer. */
  public static final DeltaOutput.History TIMELINE = new DeltaOutput.History(CustomerSignals.KEY,
      CustomerSignals.SIGNAL_HASH, CustomerSignals.contentHash(), CustomerSignals.CUSTOMER_ID,
      CustomerSignals.SIGNAL_AT);
  private final SparkSession spark;
  private final SignalchainConfig config;
  private final boolean allowEmptyWindow;

  public NightlyRun(SparkSession spark, SignalchainConfig config) {
    this(spark, config, false);
  }

  /** With {@code allowEmptyWindow}, a run whose window holds no survey responses and no contacts succeeds. */
  public NightlyRun(SparkSession spark, SignalchainConfig config, boolean allowEmptyWindow) {
    this.spark = spark;
    this.config = config;
    this.allowEmptyWindow = allowEmptyWindow;
  }

  /** Reads and validates every input against today's date (UTC); nothing is written. */
  public RunInputs validateInputs() {
    return validateInputs(LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * Reads and validates every input, dated signals against {@code today}, each once after one
   * pass over its id column for repeated ids, into typed rows kept for the run (with the raw
   * record of rejected rows only); the contacts with their ids, and also summed per day
   * ({@link ContactDays}). Nothing is written.
   */
  public RunInputs validateInputs(LocalDate today) {
    ValidatedInput surveys = kept(InputContracts.SURVEY_RESPONSES, today, false);
    // The customers' signals need every contact with its ids.
    ValidatedInput contacts = kept(InputContracts.CONTACTS, today, true);
    Dataset<Row> contactDays;
    try (Stage stage = Stage.start("sum " + InputContracts.CONTACTS + " per day")) {
      contactDays = ContactDays.of(contacts.accepted(), config).localCheckpoint();
    }
    ValidatedInput volumes = kept(InputContracts.PROCESS_VOLUMES, today, false);
    // Optional: without improvement actions their table is written empty; the outcomes are what
    // teams did about their follow-ups.
    ValidatedInput actions = config.input(InputContracts.IMPROVEMENT_ACTIONS) == null ? null
        : kept(InputContracts.IMPROVEMENT_ACTIONS, today, false);
    ValidatedInput outcomes = config.input(InputContracts.FOLLOW_UP_OUTCOMES) == null ? null
        : kept(InputContracts.FOLLOW_UP_OUTCOMES, today, false);
    return new RunInputs(surveys, contacts, contactDays, volumes, actions, outcomes);
  }

  /** One input validated and kept; with {@code everyField}, identifiers the analyses do not read too. */
  private ValidatedInput kept(String source, LocalDate today, boolean everyField) {
    var contract = InputContracts.forInput(source, config, today);
    contract = everyField ? contract.keepingEveryField() : contract;
    ValidatedInput validated;
    try (Stage stage = Stage.start("check ids " + source)) {
      validated = Validation.validate(InputReader.read(spark, contract, config.input(source)), contract);
    }
    try (Stage stage = Stage.start("validate and keep " + source)) {
      return validated.checkpointed();
    }
  }

  /** Read, accepted and rejected rows per input, in the inputs' order. */
  public static List<InputCounts> countRows(RunInputs inputs) {
    return inputs.inputs().stream().map(NightlyRun::countRows).toList();
  }

  private static InputCounts countRows(ValidatedInput input) {
    try (Stage stage = Stage.start("count " + input.source())) {
      Row row = input.rows().agg(count(lit(1)), count(col(Validation.REASON))).first();
      InputCounts c = new InputCounts(input.source(), row.getLong(0), row.getLong(1));
      stage.detail("read %,d = accepted %,d + rejected %,d", c.read(), c.accepted(), c.rejected());
      return c;
    }
  }

  /**
   * Runs the requested dates in order over one read of the inputs: one date for a nightly run,
   * several for a backfill; none means the configured default date. With {@code skipSucceeded},
   * dates that already have a SUCCEEDED run are skipped. Stops at the first failing date, whose
   * exception propagates after {@code onResult} has seen its FAILED result.
   */
  public List<RunResult> run(List<LocalDate> requestedDates, boolean skipSucceeded, Consumer<RunResult> onResult) {
    RunInputs inputs = validateInputs();
    try {
      List<InputCounts> counts = countRows(inputs);
      List<LocalDate> dates = requestedDates.isEmpty()
          ? List.of(defaultRunDate(inputs, LocalDate.now(ZoneOffset.UTC))) : requestedDates;
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
      inputs.unpersist();
    }
  }

  private RunResult runDate(LocalDate runDate, RunInputs inputs, List<InputCounts> inputCounts,
      DeltaOutput output, Consumer<RunResult> onResult) {
    List<InputCounts> counts = inputCounts;
    long started = System.nanoTime();
    RunContext run = new RunContext(UUID.randomUUID().toString(), runDate,
        AnalysisWindow.ending(runDate, config.windowDays()), Instant.now());
    Stage.info("run %s for run_date %s, window %s to %s", run.runId(), runDate, run.window().first(),
        run.window().last());
    Map<OutputTable, Long> written = new LinkedHashMap<>();
    String failure = "unexpected failure; see the job's log";
    try {
      // STARTED first: a run that dies from here on is known to run_log, and a later run removes its rows.
      log(output, run, RunStatus.STARTED, counts, "started");
      Map<OutputTable, Dataset<Row>> tables;
      Dataset<Row> signals;
      try {
        checkQuality(counts);
        checkWindowHasSignals(inputs, run);
        // Every accepted signal of a customer up to the run date, for the worklist, its stats and
        // the timeline: a projection of the kept rows, each reader taking the columns it needs.
        signals = CustomerSignals.of(inputs.surveys().accepted(), inputs.contacts().accepted(), config, runDate);
        tables = analyse(inputs, run.window());
        Dataset<Row> followUps = followUps(signals, inputs, output, run);
        tables.put(OutputTable.FOLLOW_UPS, followUps);
        tables.put(OutputTable.FOLLOW_UP_STATS, FollowUpStats.compute(followUps, signals, run.window()));
        // Outcomes that close nothing on tonight's worklist are rejected rows too, under their own
        // source (the input's rows were all read and checked): rejected_records waits for the worklist.
        Dataset<Row> unmatchedOutcomes = FollowUps.unmatchedOutcomes(outcomes(inputs), followUps, runDate,
            keepClosedDays()).localCheckpoint();
        write(output, OutputTable.REJECTED_RECORDS, rejected(inputs).unionByName(unmatchedOutcomes), run, written);
      } catch (RuntimeException e) {
        // The rejected rows are written even when the run fails before them (the quality gate): its evidence.
        if (!written.containsKey(OutputTable.REJECTED_RECORDS)) {
          write(output, OutputTable.REJECTED_RECORDS, rejected(inputs), run, written);
        }
        throw e;
      }
      writeAll(output, tables, run, written);
      write(output, OutputTable.TEAM_SCORECARDS, teamScorecards(tables, run), run, written);
      written.put(OutputTable.JOURNEY_STEPS,
          output.replaceTable(OutputTable.JOURNEY_STEPS, JourneyStepsTable.of(spark, config.journey()), run));
      // The history is merged last, in one commit, just before SUCCEEDED: a run that failed before
      // leaves the timeline as it was; one that fails after it added only accepted signals, which
      // its rerun finds unchanged.
      written.put(OutputTable.CUSTOMER_TIMELINE, mergeTimeline(output, signals, run));
      // The SUCCEEDED row comes last: it is what makes the run's rows the date's rows for readers.
      written.put(RunLog.TABLE, log(output, run, RunStatus.SUCCEEDED, counts, "ok"));
      failure = null;
    } catch (SignalchainException e) {
      failure = e.getMessage();
      throw e;
    } finally {
      if (failure != null) {
        recordFailure(output, run, counts, failure);
        onResult.accept(new RunResult(run.runId(), runDate, RunStatus.FAILED, failure, counts, names(written),
            paths(output, written), seconds(started)));
      }
    }
    removeSupersededRuns(output, run);
    return new RunResult(run.runId(), runDate, RunStatus.SUCCEEDED, "ok", counts, names(written),
        paths(output, written), seconds(started));
  }

  /**
   * After the run SUCCEEDED, the older runs' rows of its date go. Best effort: the run's rows are
   * already the date's rows for every reader, and the next run of the date removes what is left.
   */
  private void removeSupersededRuns(DeltaOutput output, RunContext run) {
    try (Stage stage = Stage.start("clean up")) {
      List<String> removed = output.removeSupersededRuns(spark, run);
      stage.detail("rows of %d older run(s) of %s removed", removed.size(), run.runDate());
    } catch (Exception e) { // Spark also throws checked exceptions undeclared
      Stage.info("could not remove older runs' rows of %s (the next run of the date will): %s", run.runDate(),
          e.getMessage());
    }
  }

  private static Map<String, Long> names(Map<OutputTable, Long> written) {
    Map<String, Long> names = new LinkedHashMap<>();
    written.forEach((t, rows) -> names.put(t.tableName(), rows));
    return names;
  }

  private static Map<String, String> paths(DeltaOutput output, Map<OutputTable, Long> written) {
    Map<String, String> paths = new LinkedHashMap<>();
    written.keySet().forEach(t -> paths.put(t.tableName(), output.path(t)));
    return paths;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void write(DeltaOutput output, OutputTable table, Dataset<Row> rows, RunContext run,
      Map<OutputTable, Long> written) {
    written.put(table, write(output, table, rows, run));
  }

  private static long write(DeltaOutput output, OutputTable table, Dataset<Row> rows, RunContext run) {
    try (Stage stage = Stage.start("write " + table.tableName())) {
      long count = output.writeRun(table, rows, run);
      stage.detail("%,d rows", count);
      return count;
    }
  }

  private static long mergeTimeline(DeltaOutput output, Dataset<Row> signals, RunContext run) {
    try (Stage stage = Stage.start("merge " + OutputTable.CUSTOMER_TIMELINE.tableName())) {
      DeltaOutput.Merged merged = output.mergeHistory(OutputTable.CUSTOMER_TIMELINE, signals, TIMELINE, run);
      stage.detail("%,d new and %,d changed signals", merged.inserted(), merged.updated());
      return merged.inserted() + merged.updated();
    }
  }

  /**
   * Writes the tables side by side: most are a few hundred rows, whose write is mostly the
   * driver's work on the Delta log, so one table's commit overlaps another's computation. The
   * first failure is thrown once every write has ended; the run is then FAILED, and what the
   * others committed is removed by a later run like any failed run's rows.
   */
  private static void writeAll(DeltaOutput output, Map<OutputTable, Dataset<Row>> tables, RunContext run,
      Map<OutputTable, Long> written) {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_WRITES, runnable -> {
      Thread thread = new Thread(runnable, "signalchain-write");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<OutputTable, Future<Long>> writes = new LinkedHashMap<>();
      tables.forEach((table, rows) -> writes.put(table, pool.submit(() -> write(output, table, rows, run))));
      RuntimeException failure = null;
      for (var w : writes.entrySet()) {
        try {
          written.put(w.getKey(), w.getValue().get());
        } catch (ExecutionException e) {
          failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r
              : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing the run's tables", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The follow-up worklist of the run date, from the customers' recent signals (computed once:
   * the worklist reads them twice), the worklist of the last earlier date with a SUCCEEDED run,
   * and the outcomes; computed once (three readers).
   */
  private Dataset<Row> followUps(Dataset<Row> signals, RunInputs inputs, DeltaOutput output, RunContext run) {
    try (Stage stage = Stage.start("follow-ups")) {
      Dataset<Row> previous = RunLog.latestSucceededBefore(spark, output, run.runDate())
          .filter(runId -> DeltaTable.isDeltaTable(spark, output.path(OutputTable.FOLLOW_UPS)))
          .map(runId -> spark.read().format("delta").load(output.path(OutputTable.FOLLOW_UPS))
              .filter(col("run_id").equalTo(runId)))
          .orElse(null);
      Dataset<Row> recent = FollowUps.recentSignals(signals, config.followUp(), run.runDate()).localCheckpoint();
      Dataset<Row> worklist = FollowUps.worklist(recent, previous, outcomes(inputs),
          config.journey(), config.followUp(), keepClosedDays(), run.runDate()).localCheckpoint();
      Row counted = worklist.agg(count(lit(1)), count(when(col("status").equalTo(FollowUps.OPEN), true))).first();
      stage.detail("%,d follow-ups, %,d open", counted.getLong(0), counted.getLong(1));
      return worklist;
    }
  }

  /** The inputs' rejected rows as published: with pseudonymisation, their customer ids pseudonymised too. */
  private Dataset<Row> rejected(RunInputs inputs) {
    Dataset<Row> rejected = inputs.rejected();
    if (!config.privacy().pseudonymiseCustomerId()) {
      return rejected;
    }
    Column withCustomers = col("source").isin(InputContracts.SURVEY_RESPONSES, InputContracts.CONTACTS);
    return rejected.withColumn("record", when(withCustomers,
        CustomerPseudonym.inRecord(col("record"), config.privacy().key())).otherwise(col("record")));
  }

  /** A closed follow-up stays on the worklist for the analysis window (the stats) and the lookback (no relisting). */
  private int keepClosedDays() {
    return Math.max(config.windowDays(), config.followUp().lookbackDays());
  }

  private static Dataset<Row> outcomes(RunInputs inputs) {
    return inputs.outcomes() == null ? null : inputs.outcomes().accepted();
  }

  /** Every analysis table of the run, by table name, from the validated inputs. */
  Map<OutputTable, Dataset<Row>> analyse(RunInputs inputs, AnalysisWindow window) {
    var journey = config.journey();
    Dataset<Row> surveys = JourneyConformance.toUnits(
        inputs.surveys().accepted().filter(window.contains(col("responded_at"))), journey);
    Dataset<Row> contactDays = inputs.contactDays();
    Dataset<Row> volumes = JourneyConformance.toUnits(
        inputs.volumes().accepted().filter(window.contains(col("date"))), journey);
    List<String> units = JourneyStepsTable.units(journey);

    Map<OutputTable, Dataset<Row>> tables = new LinkedHashMap<>();
    // Three tables sum these few rows per unit, channel, type and reason.
    Dataset<Row> contactGroups = ContactGroups.of(JourneyConformance.toUnits(
        contactDays.filter(window.contains(col(ContactDays.DAY))), journey)).localCheckpoint();
    // Small, and read three times (its own table, the priorities, the scorecards): computed once.
    Dataset<Row> stepKpis = StepKpis.compute(surveys, contactGroups, volumes, units, config).localCheckpoint();
    tables.put(OutputTable.STEP_KPIS, stepKpis);
    tables.put(OutputTable.STEP_PRIORITY, StepPriority.compute(stepKpis, config));
    tables.put(OutputTable.CHANNEL_MIX, keptWhenWritten(ChannelMix.compute(surveys, contactGroups, volumes, config)));
    tables.put(OutputTable.CONTACT_REASONS, keptWhenWritten(ContactReasons.compute(contactGroups, config)));
    try (Stage stage = Stage.start("driver analysis")) {
      DriverTables drivers = DriverStage.analyse(surveys,
          inputs.surveys().driverColumns(), journey.ids(), config.drivers());
      stage.detail("%d steps, %d driver columns", journey.ids().size(),
          inputs.surveys().driverColumns().size());
      tables.put(OutputTable.DRIVER_MODELS, drivers.models());
      tables.put(OutputTable.DRIVER_IMPORTANCE, keptWhenWritten(drivers.importance()));
      tables.put(OutputTable.DRIVER_ASYMMETRY, drivers.asymmetry());
      tables.put(OutputTable.DRIVER_SEGMENTS, drivers.segments());
    }
    try (Stage stage = Stage.start("monitoring")) {
      // Over all history up to the run date, not only the window: every period of every step.
      Monitoring.Tables monitoring = Monitoring.compute(inputs.surveys().accepted(), contactDays,
          inputs.volumes().accepted(),
          units, window.last(), config);
      tables.put(OutputTable.KPI_TRENDS, monitoring.trends());
      tables.put(OutputTable.KPI_ALERTS, keptWhenWritten(monitoring.alerts()));
    }
    try (Stage stage = Stage.start("action effects")) {
      // Optional input: without improvement_actions the table is written empty.
      tables.put(OutputTable.ACTION_EFFECTS, inputs.actions() == null ? ActionEffects.empty(spark)
          : ActionEffects.compute(inputs.actions().accepted(), inputs.surveys().accepted(), contactDays,
              inputs.volumes().accepted(), window.last(), config));
    }
    return tables;
  }

  /**
   * A table the scorecards read after the writes, kept by its write's computation (Spark's lazy
   * local checkpoint): read again, it is neither computed again nor read back from Delta, whose
   * scan planning (a query over the table's file statistics per table read) was a quarter of a
   * small run's driver time.
   */
  private static Dataset<Row> keptWhenWritten(Dataset<Row> table) {
    return table.localCheckpoint(false);
  }

  /** The teams' scorecards, from the run's tables after they are written, each kept as written. */
  private Dataset<Row> teamScorecards(Map<OutputTable, Dataset<Row>> tables, RunContext run) {
    try (Stage stage = Stage.start("team scorecards")) {
      return TeamScorecards.compute(tables.get(OutputTable.STEP_KPIS), tables.get(OutputTable.KPI_ALERTS),
          tables.get(OutputTable.DRIVER_IMPORTANCE), tables.get(OutputTable.CONTACT_REASONS),
          tables.get(OutputTable.CHANNEL_MIX), tables.get(OutputTable.FOLLOW_UPS), run.runDate(), config);
    }
  }

  private void checkQuality(List<InputCounts> counts) {
    for (InputCounts c : counts) {
      // An optional input may be empty: no improvement actions recorded yet.
      if (c.read() == 0 && !SignalchainConfig.OPTIONAL_INPUT_NAMES.contains(c.source())) {
        throw Errors.emptyInput(c.source(), config.input(c.source()).path());
      }
      if (c.rejectShare() > config.maxRejectShare()) {
        throw Errors.rejectShare(c.source(), c.rejected(), c.read(), config.maxRejectShare());
      }
    }
  }

  /** A window without survey responses and contacts has nothing to say: a wrong date or a missing export. */
  private void checkWindowHasSignals(RunInputs inputs, RunContext run) {
    if (allowEmptyWindow) {
      return;
    }
    boolean noSurveys = inputs.surveys().accepted().filter(run.window().contains(col("responded_at"))).isEmpty();
    boolean noContacts = inputs.contactDays().filter(run.window().contains(col(ContactDays.DAY))).isEmpty();
    if (noSurveys && noContacts) {
      throw Errors.emptyWindow(run.runDate().toString(), run.window().first().toString(),
          run.window().last().toString());
    }
  }

  private long log(DeltaOutput output, RunContext run, RunStatus status, List<InputCounts> counts, String message) {
    long read = counts.stream().mapToLong(InputCounts::read).sum();
    long rejected = counts.stream().mapToLong(InputCounts::rejected).sum();
    Instant finished = status == RunStatus.STARTED ? null : Instant.now();
    return output.log(new RunLog(run, finished, status, read, rejected, message), spark);
  }

  /** Best effort: a failure to log the failure must not hide the failure itself. */
  private void recordFailure(DeltaOutput output, RunContext run, List<InputCounts> counts, String message) {
    try {
      log(output, run, RunStatus.FAILED, counts, message);
    } catch (RuntimeException e) {
      Stage.info("could not record the failed run in run_log: %s", e.getMessage());
    }
  }

  /**
   * yesterday (UTC), the last day with signals, or the configured date. The last day with
   * signals is never after {@code today}: a signal dated in the future cannot move the run there.
   */
  LocalDate defaultRunDate(RunInputs inputs, LocalDate today) {
    String setting = config.defaultRunDate();
    if (setting.equals("yesterday")) {
      return today.minusDays(1);
    }
    if (!setting.equals("latest-data")) {
      return LocalDate.parse(setting);
    }
    return Stream.of(latestDay(inputs.surveys().accepted(), "responded_at", today),
        latestDay(inputs.contactDays(), ContactDays.DAY, today))
        .filter(Objects::nonNull).max(LocalDate::compareTo).orElse(today.minusDays(1));
  }

  /** The last day, not after {@code today}, of {@code rows}; null if none. */
  private static LocalDate latestDay(Dataset<Row> rows, String timeOrDateColumn, LocalDate today) {
    Column day = to_date(col(timeOrDateColumn));
    Row r = rows.filter(day.leq(lit(Date.valueOf(today)))).agg(max(day)).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }
}
