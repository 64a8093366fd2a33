package io.signalchain.pipeline;

import io.signalchain.publish.RunStatus;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run for one date did, for the console, orchestrators and tests. {@code status} is
 * SUCCEEDED, FAILED or SKIPPED (a backfill date that had already succeeded).
 */
public record RunResult(String runId, LocalDate runDate, RunStatus status, String message, List<InputCounts> inputs,
    Map<String, Long> tableRows, Map<String, String> tablePaths, double seconds) {

  public RunResult {
    inputs = List.copyOf(inputs);
    tableRows = Collections.unmodifiableMap(new LinkedHashMap<>(tableRows));
    tablePaths = Collections.unmodifiableMap(new LinkedHashMap<>(tablePaths));
  }

  static RunResult skipped(LocalDate runDate, List<InputCounts> inputs) {
    return new RunResult(null, runDate, RunStatus.SKIPPED, "already SUCCEEDED; use --force to run it again", inputs,
        Map.of(), Map.of(), 0);
  }

  public boolean succeeded() {
    return status == RunStatus.SUCCEEDED;
  }

  public long rowsRead() {
    return inputs.stream().mapToLong(InputCounts::read).sum();
  }

  public long rowsRejected() {
    return inputs.stream().mapToLong(InputCounts::rejected).sum();
  }
}
