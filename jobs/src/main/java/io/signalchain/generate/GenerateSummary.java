package io.signalchain.generate;

import java.util.Map;

/**
 * What was generated: row counts per input (broken rows included) and input name → written path.
 */
public record GenerateSummary(long surveyResponses, long contacts, long processVolumes, Map<String, String> files) {}
