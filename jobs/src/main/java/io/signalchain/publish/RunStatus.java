package io.signalchain.publish;

/**
 * Where a run stands. run_log holds STARTED (written first: the run is writing, or was killed),
 * then SUCCEEDED or FAILED; SKIPPED is only reported (a backfill date that had already succeeded)
 * and never logged.
 */
public enum RunStatus {
  STARTED,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
