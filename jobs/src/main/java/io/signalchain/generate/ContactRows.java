package io.signalchain.generate;

import io.signalchain.generate.PlantedEffects.StepProfile;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * contacts rows, one per customer contact.
 *
 * <p>Clean rows: {@value PlantedEffects#UNCLASSIFIED_CONTACT_SHARE} of contacts have no step_id;
 * the others fall on a step by {@link StepProfile#contactWeight()}. Channel, contact_type and
 * reason follow the step's mixes (reason empty for 4%; compliments carry a compliment reason);
 * customer_id empty for 6%. contacted_at follows the channel's opening hours (phone and chat
 * 8–20/22, store 9–18, few weekend contacts; email, social and app_web around the clock).
 * handling_seconds is log-normal around the channel's typical time times the step's handling
 * factor, empty for 5%. cost_eur is empty (= the channel's configured cost) for 88%; otherwise
 * the configured cost scaled by handling time, in cents.
 *
 * <p>Broken rows (one in {@value RowRandom#BROKEN_STRIDE}, ≈ 1.5%, kinds in turn, see {@link
 * Broken}).
 */
final class ContactRows extends InputRows<ContactRow, ContactRows.Broken> {

  /** What can be wrong with a contact row. CSV gets all kinds; Parquet those its types can hold. */
  enum Broken {
    /** contacted_at as "31-10-2026 14:03", "2026-10-31T25:10:00", "onbekend", … (CSV). */
    BAD_TIMESTAMP(true),
    /** handling_seconds "4:30" / "4 min" or cost_eur "€ 6,50" / "6,50" (CSV). */
    BAD_NUMBER(true),
    /** channel "fax", "whatsapp", "Telefoon" or "video_call". */
    UNKNOWN_CHANNEL(false),
    /** cost_eur −(the channel cost) or −0.01. */
    NEGATIVE_COST(false),
    /** handling_seconds −1 or −(the time). */
    NEGATIVE_HANDLING(false),
    MISSING_CONTACT_TYPE(false),
    MISSING_CONTACT_ID(false),
    MISSING_CONTACTED_AT(false),
    /** step_id not in the journey. */
    UNKNOWN_STEP(false),
    /** contact_id of an earlier row: an exact copy (60%) or re-registered with another handling time. */
    DUPLICATE_CONTACT_ID(false);

    final boolean csvOnly;

    Broken(boolean csvOnly) {
      this.csvOnly = csvOnly;
    }

    static Broken[] available(boolean csv) {
      return Arrays.stream(values()).filter(b -> csv || !b.csvOnly).toArray(Broken[]::new);
    }
  }

  static final String[] UNKNOWN_CHANNELS = {"fax", "whatsapp", "Telefoon", "video_call"};
  static final String[] UNKNOWN_STEP_IDS = {"payment", "storing", "verhuizen", "pay.reminders", "unknown"};
  static final List<String> COMPLIMENT_REASONS = List.of("compliment medewerker", "snel geholpen", "goed uitgelegd");

  /** Cost per contact as in conf/signalchain.yaml; typical handling seconds per channel. */
  static final double[] CHANNEL_COST = {6.50, 4.00, 2.50, 3.00, 14.00, 9.00, 0.40};
  static final double[] HANDLING_MEDIAN = {390, 480, 540, 300, 720, 900, 45};
  private static final double[][] HOURS = {
      Period.hours(8, 20, 9, 12, 0.0),   // phone
      Period.hours(0, 24, 8, 11, 0.0),   // email
      Period.hours(8, 22, 19, 21, 0.0),  // chat
      Period.hours(7, 24, 19, 23, 0.2),  // social
      Period.hours(9, 18, 12, 14, 0.0),  // store
      Period.hours(8, 17, 9, 11, 0.0),   // letter: registered when the mail room opens it
      Period.hours(6, 24, 19, 23, 0.15)  // app_web
  };
  private static final double[] SATURDAY = {0.3, 0.6, 0.5, 0.8, 0.9, 0.0, 0.8};
  private static final double[] SUNDAY = {0.0, 0.6, 0.3, 0.8, 0.1, 0.0, 0.8};
  private static final double[] UNCLASSIFIED_TYPES = {0.60, 0.15, 0.02, 0.23};

  private final Period period;
  /** Epoch day from which the planted actions work. */
  private final long actionsFromDay;
  private final long customers;
  private final StepProfile[] steps = PlantedEffects.STEPS.values().toArray(new StepProfile[0]);
  private final double[] stepWeights = new double[steps.length];
  private final double[][] reasonWeights = new double[steps.length][];

  ContactRows(long seed, Period period, long customers, boolean csv) {
    super(seed, RowRandom.CONTACTS, csv, Broken.available(csv), Broken.DUPLICATE_CONTACT_ID, ContactRow.LAYOUT);
    this.period = period;
    this.actionsFromDay = PlantedEffects.actionsFrom(LocalDate.ofEpochDay(period.firstEpochDay + period.days - 1))
        .toEpochDay();
    this.customers = customers;
    for (int s = 0; s < steps.length; s++) {
      stepWeights[s] = steps[s].contactWeight();
      reasonWeights[s] = RowRandom.zipf(steps[s].reasons().size());
    }
  }

  @Override
  ContactRow clean(long id) {
    SplittableRandom r = cleanRandom(id);
    boolean classified = r.nextDouble() >= PlantedEffects.UNCLASSIFIED_CONTACT_SHARE;
    int s = classified ? RowRandom.pick(r, stepWeights) : -1;
    StepProfile p = classified ? steps[s] : null;
    int ch = RowRandom.pick(r, classified ? p.contactChannelMix() : PlantedEffects.UNCLASSIFIED_CHANNEL_MIX);
    int type = RowRandom.pick(r, classified ? p.contactTypeMix() : UNCLASSIFIED_TYPES);
    List<String> reasons = type == 2 ? COMPLIMENT_REASONS
        : classified ? p.reasons() : PlantedEffects.UNCLASSIFIED_REASONS;
    double[] weights = type != 2 && classified ? reasonWeights[s] : RowRandom.zipf(reasons.size());
    String reason = r.nextDouble() < 0.04 ? null : reasons.get(RowRandom.pick(r, weights));
    String customer = r.nextDouble() < 0.06 ? null : Ids.customer(r.nextLong(customers));
    long contactedAt = period.moment(r, period.pickDay(r, SATURDAY[ch], SUNDAY[ch]), HOURS[ch]);
    PlantedEffects.PlantedAction action = classified ? PlantedEffects.actionOn(p.stepId()) : null;
    if (action != null && action.contactReduction() > 0 && contactedAt / 86_400L >= actionsFromDay
        && r.nextDouble() < action.contactReduction()) {
      // A contact the action prevented: the row stays (fixed row count), no longer about the step.
      classified = false;
    }
    double factor = classified ? p.handlingFactor() : 1.0;
    double handling = Math.max(5, Math.round(HANDLING_MEDIAN[ch] * factor * Math.exp(0.5 * r.nextGaussian())));
    Double handlingSeconds = r.nextDouble() < 0.05 ? null : handling;
    Double cost = r.nextDouble() < 0.88 ? null
        : Math.round(CHANNEL_COST[ch] * Math.min(4, handling / HANDLING_MEDIAN[ch]) * 100) / 100.0;
    return new ContactRow(Ids.of('C', id + 1, 8), customer, contactedAt, PlantedEffects.CHANNELS.get(ch),
        classified ? p.stepId() : null, PlantedEffects.CONTACT_TYPES.get(type), reason, handlingSeconds, cost,
        CsvText.NONE);
  }

  @Override
  ContactRow broken(Broken kind, ContactRow row, SplittableRandom b) {
    return switch (kind) {
      case BAD_TIMESTAMP -> {
        String iso = RowLayout.isoTimestamp(row.contactedAt());
        String[] options = {
            iso.substring(8, 10) + "-" + iso.substring(5, 7) + "-" + iso.substring(0, 4) + " " + iso.substring(11, 16),
            iso.substring(0, 11) + "25" + iso.substring(13),
            "31 okt " + iso.substring(0, 4), "onbekend", "0000-00-00T00:00:00"};
        yield row.withCsvText("contacted_at", options[b.nextInt(options.length)]);
      }
      case BAD_NUMBER -> b.nextBoolean()
          ? row.withCsvText("handling_seconds", new String[] {"4:30", "4 min", "n/a"}[b.nextInt(3)])
          : row.withCsvText("cost_eur", new String[] {"€ 6,50", "6,50", "gratis"}[b.nextInt(3)]);
      case UNKNOWN_CHANNEL -> row.withChannel(UNKNOWN_CHANNELS[b.nextInt(UNKNOWN_CHANNELS.length)]);
      case NEGATIVE_COST -> row.withCostEur(b.nextBoolean() ? -0.01
          : -CHANNEL_COST[Math.max(0, PlantedEffects.CHANNELS.indexOf(row.channel()))]);
      case NEGATIVE_HANDLING -> row.withHandlingSeconds(
          row.handlingSeconds() == null || b.nextBoolean() ? -1.0 : -row.handlingSeconds());
      case MISSING_CONTACT_TYPE -> row.withContactType(null);
      case MISSING_CONTACT_ID -> row.withContactId(null);
      case MISSING_CONTACTED_AT -> row.withContactedAt(null);
      case UNKNOWN_STEP -> row.withStepId(UNKNOWN_STEP_IDS[b.nextInt(UNKNOWN_STEP_IDS.length)]);
      case DUPLICATE_CONTACT_ID -> row; // the first row: nothing earlier to copy
    };
  }

  /** Re-registered with another handling time. */
  @Override
  ContactRow nearCopy(ContactRow original, SplittableRandom b) {
    Double seconds = original.handlingSeconds();
    return seconds == null ? original
        : original.withHandlingSeconds((double) Math.round(seconds * (0.8 + 0.4 * b.nextDouble())));
  }
}
