package io.signalchain.pipeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What a run did, for the console, the run_log and orchestrators. */
public record RunResult(String runId, LocalDate runDate, String status, List<InputCounts> inputs,
    Map<String, Long> tableRows, Map<String, String> tablePaths, double seconds) {

  public long rowsRead() {
    return inputs.stream().mapToLong(InputCounts::read).sum();
  }

  public long rowsRejected() {
    return inputs.stream().mapToLong(InputCounts::rejected).sum();
  }
}
