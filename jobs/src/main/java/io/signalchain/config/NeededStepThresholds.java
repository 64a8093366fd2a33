package io.signalchain.config;

/**
 * "Is this step needed at all?": a step is flagged when it causes more than
 * {@code contactsPer1000} contacts per 1,000 passes, or when more than {@code complaintRate}
 * (a share, 0–1) of its contacts are complaints.
 */
public record NeededStepThresholds(double contactsPer1000, double complaintRate) {}
