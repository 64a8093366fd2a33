package io.signalchain.generate;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param outputDir           folder that receives survey_responses, contacts and process_volumes
 * @param scale               1 = 1,000,000 survey responses (and, by default, 10,000,000 contacts)
 * @param seed                same seed (and options) = byte-identical CSV output
 * @param format              "csv" (one file per input) or "parquet" (one folder per input)
 * @param endDate             last day of the generated period (inclusive)
 * @param days                length of the period in days
 * @param contactsPerResponse contacts generated per survey response; {@link
 *                            #DEFAULT_CONTACTS_PER_RESPONSE} unless a small sample needs fewer
 */
public record GenerateOptions(
    String outputDir, double scale, long seed, String format, LocalDate endDate, int days,
    double contactsPerResponse) {

  public static final long RESPONSES_AT_SCALE_1 = 1_000_000L;
  public static final double DEFAULT_CONTACTS_PER_RESPONSE = 10.0;

  public GenerateOptions {
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(endDate, "endDate");
    format = format == null ? "csv" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new IllegalArgumentException("format must be csv or parquet, not " + format);
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be > 0, not " + scale);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, not " + days);
    }
    if (!(contactsPerResponse >= 0)) {
      throw new IllegalArgumentException("contactsPerResponse must be >= 0, not " + contactsPerResponse);
    }
  }

  /** The API as agreed: contacts default to {@value #DEFAULT_CONTACTS_PER_RESPONSE} per response. */
  public GenerateOptions(String outputDir, double scale, long seed, String format, LocalDate endDate, int days) {
    this(outputDir, scale, seed, format, endDate, days, DEFAULT_CONTACTS_PER_RESPONSE);
  }

  public long surveyResponses() {
    return Math.max(1, Math.round(RESPONSES_AT_SCALE_1 * scale));
  }

  public long contacts() {
    return Math.round(surveyResponses() * contactsPerResponse);
  }

  public LocalDate startDate() {
    return endDate.minusDays(days - 1L);
  }

  public boolean csv() {
    return format.equals("csv");
  }
}
