package io.signalchain.publish;

import io.signalchain.journey.AnalysisWindow;
import java.time.Instant;
import java.time.LocalDate;

/** What identifies one run: its id, the logical date it reports on, its window and start. */
public record RunContext(String runId, LocalDate runDate, AnalysisWindow window, Instant startedAt) {}
