package io.signalchain.generate;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * follow_up_outcomes: what teams did about the customers the first night's worklist lists. Of the
 * detractors (NPS 0–6) who answered a survey on the last day from 8:00 to 18:00, with a customer id,
 * {@value #CLOSED_SHARE} are called back 30 minutes to 4 hours later. Every such customer is on the
 * worklist of a run on the last day, whatever else is listed, and the follow-up's id is known in
 * advance: "FU-" and 16 hex digits of SHA-256 over "customer_id|opened_on" (followups/FollowUps).
 */
final class FollowUpOutcomes implements Serializable {
  static final double CLOSED_SHARE = 0.4;
  static final List<String> OUTCOMES = List.of("teruggebeld, opgelost", "teruggebeld, uitleg gegeven",
      "niet bereikt");
  static final List<String> NOTES = List.of("klant wil een schriftelijke bevestiging", "terugbelverzoek na 17:00");
  static final StructType SCHEMA = new StructType().add("follow_up_id", DataTypes.StringType)
      .add("closed_at", DataTypes.TimestampType).add("outcome", DataTypes.StringType)
      .add("note", DataTypes.StringType);
  /** Answers from 8:00 to 18:00 are called back the same day, in office hours. */
  private static final long FIRST_ANSWER_SECOND = 8 * 3600;
  private static final long LAST_ANSWER_SECOND = 18 * 3600;

  private final SurveyRows surveys;
  private final long seed;
  private final LocalDate lastDay;

  FollowUpOutcomes(SurveyRows surveys, long seed, LocalDate lastDay) {
    this.surveys = surveys;
    this.seed = seed;
    this.lastDay = lastDay;
  }

  /** The outcome closing the follow-up of survey row {@code id}'s customer, if the row is one the team closes. */
  Iterator<Row> outcomes(long id) {
    SurveyRow row = surveys.generate(id);
    long dayStart = lastDay.toEpochDay() * 86_400;
    boolean clean = row.equals(surveys.clean(id));
    if (!clean || row.customerId() == null || row.nps() == null || row.nps() > 6 || row.respondedAt() == null
        || row.respondedAt() < dayStart + FIRST_ANSWER_SECOND || row.respondedAt() >= dayStart + LAST_ANSWER_SECOND) {
      return List.<Row>of().iterator();
    }
    SplittableRandom r = RowRandom.forRow(seed, RowRandom.OUTCOMES, id);
    if (r.nextDouble() >= CLOSED_SHARE) {
      return List.<Row>of().iterator();
    }
    Timestamp closedAt = Timestamp.from(Instant.ofEpochSecond(row.respondedAt() + 1800 + r.nextInt(3 * 3600 + 1800)));
    String note = r.nextDouble() < 0.3 ? NOTES.get(r.nextInt(NOTES.size())) : null;
    return List.of(RowFactory.create(followUpId(row.customerId(), lastDay), closedAt,
        OUTCOMES.get(r.nextInt(OUTCOMES.size())), note)).iterator();
  }

  static String followUpId(String customerId, LocalDate openedOn) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((customerId + "|" + openedOn).getBytes(StandardCharsets.UTF_8));
      return "FU-" + HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
