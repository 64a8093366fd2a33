package io.signalchain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalchain.errors.ExitCode;
import io.signalchain.pipeline.InputCounts;
import io.signalchain.pipeline.RunResult;
import io.signalchain.publish.RunStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one-line JSON summary of a run date that orchestrators parse (the last line of stdout). */
final class RunSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunSummary() {}

  static String json(RunResult r, Optional<String> htmlReport) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("run_id", r.runId());
    summary.put("run_date", r.runDate().toString());
    summary.put("status", r.status().name());
    summary.put("message", r.message());
    Map<String, Long> read = new LinkedHashMap<>();
    Map<String, Long> rejected = new LinkedHashMap<>();
    for (InputCounts c : r.inputs()) {
      read.put(c.source(), c.read());
      rejected.put(c.source(), c.rejected());
    }
    summary.put("rows_read", read);
    summary.put("rows_rejected", rejected);
    summary.put("rows_written", r.tableRows());
    summary.put("seconds", Math.round(r.seconds() * 10) / 10.0);
    htmlReport.ifPresent(location -> summary.put("report", location));
    return write(summary);
  }

  /** The last line of a run that failed: its exit code and what went wrong. */
  static String failure(ExitCode code, String message) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("status", RunStatus.FAILED.name());
    summary.put("exit_code", code.code);
    summary.put("message", message);
    return write(summary);
  }

  private static String write(Map<String, Object> summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary of plain values always serialises", e);
    }
  }
}
