package io.signalchain.publish;

import java.util.Arrays;
import java.util.List;

/**
 * Every output table of the job, in one place: its folder name under the output location, how
 * a run writes it, and its section in docs/tables.md (the column documentation).
 */
public enum OutputTable {
  JOURNEY_STEPS("journey_steps", WriteMode.REPLACE_TABLE),
  STEP_KPIS("step_kpis", WriteMode.PER_RUN),
  STEP_PRIORITY("step_priority", WriteMode.PER_RUN),
  CHANNEL_MIX("channel_mix", WriteMode.PER_RUN),
  CONTACT_REASONS("contact_reasons", WriteMode.PER_RUN),
  DRIVER_MODELS("driver_models", WriteMode.PER_RUN),
  DRIVER_IMPORTANCE("driver_importance", WriteMode.PER_RUN),
  KPI_TRENDS("kpi_trends", WriteMode.PER_RUN),
  KPI_ALERTS("kpi_alerts", WriteMode.PER_RUN),
  DRIVER_ASYMMETRY("driver_asymmetry", WriteMode.PER_RUN),
  DRIVER_SEGMENTS("driver_segments", WriteMode.PER_RUN),
  ACTION_EFFECTS("action_effects", WriteMode.PER_RUN),
  TEAM_SCORECARDS("team_scorecards", WriteMode.PER_RUN),
  FOLLOW_UPS("follow_ups", WriteMode.PER_RUN),
  FOLLOW_UP_STATS("follow_up_stats", WriteMode.PER_RUN),
  REJECTED_RECORDS("rejected_records", WriteMode.PER_RUN),
  CUSTOMER_TIMELINE("customer_timeline", WriteMode.MERGE),
  RUN_LOG("run_log", WriteMode.APPEND);

  /** How a run writes a table. */
  public enum WriteMode {
    /**
     * Rows keyed by run_date and run_id, written beside older runs' rows of the date; they become
     * the date's rows when the run's SUCCEEDED row lands in run_log, and older runs' rows are
     * removed after that.
     */
    PER_RUN,
    /** The whole table replaced in one commit (it describes the configuration, not a run). */
    REPLACE_TABLE,
    /** One row per run: appended when the run starts, replaced by its outcome when it ends. */
    APPEND,
    /**
     * A history, not a run's rows: every run merges its rows by their natural key, inserting new
     * ones and replacing those whose content changed, in one commit; unchanged rows are untouched.
     */
    MERGE
  }

  private final String tableName;
  private final WriteMode writeMode;

  OutputTable(String tableName, WriteMode writeMode) {
    this.tableName = tableName;
    this.writeMode = writeMode;
  }

  /** The table's folder under the output location, and its name in catalogs. */
  public String tableName() {
    return tableName;
  }

  public WriteMode writeMode() {
    return writeMode;
  }

  /** The '## …' section of docs/tables.md that documents the table's columns. */
  public String docsSection() {
    return tableName;
  }

  /** The tables whose rows are keyed by run (every table but journey_steps and run_log). */
  public static List<OutputTable> perRun() {
    return Arrays.stream(values()).filter(t -> t.writeMode == WriteMode.PER_RUN).toList();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(OutputTable::tableName).toList();
  }
}
