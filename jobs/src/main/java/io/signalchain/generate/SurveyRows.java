package io.signalchain.generate;

import io.signalchain.generate.PlantedEffects.StepProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * survey_responses rows, one per answered survey, as a survey tool exports them (see {@link
 * PlantedEffects} for the satisfaction model).
 *
 * <p>Clean rows: step drawn by {@link StepProfile#surveyWeight()} (leaf steps, plus about 1% on
 * the parents become_customer and pay); customer_id empty for 12% (anonymous); channel from the
 * step's completion mix, empty for 10%; responded_at in the period, mostly in the evening;
 * satisfaction an integer 1–10; nps 0–10 (≈ satisfaction − 0.6 + noise), empty for 20%; effort
 * 1–7 (higher = more effort, falls as satisfaction rises), empty for 35%; weight 0.6–1.4 for
 * consumers and 1.2–2.0 for businesses (under-sampled), two decimals, empty (= 1) for 25%;
 * segment consumer 78%, business 19%, empty 3%; retention_intent follows satisfaction (see {@link
 * PlantedEffects#RETENTION_INTENT_EMPTY_SHARE}); {@link PlantedEffects#WORSENING_STEP} is rated
 * lower from {@link PlantedEffects#worseningFrom} on; from {@link PlantedEffects#actionsFrom} on, the
 * driver a planted action improves ({@link PlantedEffects#ACTIONS}) is rated higher on its step, and
 * satisfaction follows. Drivers not asked in the step are empty; 12% of
 * respondents skip each asked driver with probability 1/2 (≈ 6% of asked answers missing; the
 * others answer everything, so listwise deletion keeps ≈ 88%).
 *
 * <p>Broken rows (one in {@value RowRandom#BROKEN_STRIDE}, ≈ 1.5%, kinds in turn, see {@link
 * Broken}).
 */
final class SurveyRows extends InputRows<SurveyRow, SurveyRows.Broken> {

  /** What can be wrong with a survey row. CSV gets all kinds; Parquet those its types can hold. */
  enum Broken {
    /** responded_at as "31-10-2026 14:03", "10/31/2026 2:03 PM", "2026-13-31T14:03:00", … (CSV). */
    BAD_TIMESTAMP(true),
    /** A number the parser cannot read: "7,5", "zeven", "n/a", "#N/A", … (CSV). */
    BAD_NUMBER(true),
    /** satisfaction 0, 11, 75 or −1. */
    SATISFACTION_OUT_OF_SCALE(false),
    /** nps −1, 11, 12 or 99. */
    NPS_OUT_OF_RANGE(false),
    /** one asked driver 0, 11, 99 or −1. */
    DRIVER_OUT_OF_SCALE(false),
    /** weight 0, −1 or −0.5. */
    WEIGHT_NOT_POSITIVE(false),
    /** step_id not in the journey: "pay.remind", "betalen", "onboarding", … */
    UNKNOWN_STEP(false),
    MISSING_RESPONSE_ID(false),
    MISSING_STEP_ID(false),
    MISSING_SATISFACTION(false),
    MISSING_RESPONDED_AT(false),
    /** response_id of an earlier row: an exact copy (60%) or the same answers re-exported a few minutes later. */
    DUPLICATE_RESPONSE_ID(false);

    final boolean csvOnly;

    Broken(boolean csvOnly) {
      this.csvOnly = csvOnly;
    }

    static Broken[] available(boolean csv) {
      return Arrays.stream(values()).filter(b -> csv || !b.csvOnly).toArray(Broken[]::new);
    }
  }

  static final String[] UNKNOWN_STEP_IDS =
      {"pay.remind", "betalen", "onboarding", "become_customer.old", "Ik betaal", "report-fault"};

  /** Survey invitations go out after the step; people answer mostly in the evening. */
  private static final double[] HOURS = Period.hours(7, 23, 19, 22, 0.1);

  private final Period period;
  /** Epoch day from which {@link PlantedEffects#WORSENING_STEP} is rated lower. */
  private final long worseningFromDay;
  /** Epoch day from which the planted actions work. */
  private final long actionsFromDay;
  private final long customers;
  private final StepProfile[] steps;
  private final double[] stepWeights;
  /** Per step, its asked drivers as indexes into {@link PlantedEffects#DRIVERS}. */
  private final int[][] driverIndexes;
  private final double[][] betas;
  private final double[][] means;

  SurveyRows(long seed, Period period, long customers, boolean csv) {
    super(seed, RowRandom.SURVEYS, csv, Broken.available(csv), Broken.DUPLICATE_RESPONSE_ID, SurveyRow.LAYOUT);
    this.period = period;
    this.worseningFromDay = PlantedEffects.worseningFrom(
        LocalDate.ofEpochDay(period.firstEpochDay + period.days - 1)).toEpochDay();
    this.actionsFromDay = PlantedEffects.actionsFrom(
        LocalDate.ofEpochDay(period.firstEpochDay + period.days - 1)).toEpochDay();
    this.customers = customers;
    List<StepProfile> all = new ArrayList<>(PlantedEffects.STEPS.values());
    all.addAll(PlantedEffects.PARENT_STEPS.values());
    steps = all.toArray(new StepProfile[0]);
    stepWeights = new double[steps.length];
    driverIndexes = new int[steps.length][];
    betas = new double[steps.length][];
    means = new double[steps.length][];
    for (int s = 0; s < steps.length; s++) {
      StepProfile p = steps[s];
      stepWeights[s] = p.surveyWeight();
      List<String> drivers = p.drivers();
      driverIndexes[s] = new int[drivers.size()];
      betas[s] = new double[drivers.size()];
      means[s] = new double[drivers.size()];
      for (int j = 0; j < drivers.size(); j++) {
        driverIndexes[s][j] = PlantedEffects.DRIVERS.indexOf(drivers.get(j));
        betas[s][j] = p.betas().get(drivers.get(j));
        means[s][j] = p.driverMeans().get(drivers.get(j));
      }
    }
  }

  @Override
  SurveyRow clean(long id) {
    SplittableRandom r = cleanRandom(id);
    int s = RowRandom.pick(r, stepWeights);
    StepProfile p = steps[s];
    String customer = r.nextDouble() < 0.12 ? null : Ids.customer(r.nextLong(customers));
    String channel = r.nextDouble() < 0.10 ? null : PlantedEffects.CHANNELS.get(RowRandom.pick(r, p.completionMix()));
    int day = period.pickDay(r, 0.8, 0.7);
    long respondedAt = period.moment(r, day, HOURS);

    // Drivers share one latent factor per respondent; satisfaction follows the planted betas.
    double latent = r.nextGaussian();
    double y = p.intercept();
    boolean skipper = r.nextDouble() < 0.12;
    Double[] ratings = new Double[PlantedEffects.DRIVERS.size()];
    PlantedEffects.PlantedAction action = PlantedEffects.actionOn(p.stepId());
    int improved = action != null && action.driver() != null && period.firstEpochDay + day >= actionsFromDay
        ? PlantedEffects.DRIVERS.indexOf(action.driver()) : -1;
    for (int j = 0; j < betas[s].length; j++) {
      double lift = driverIndexes[s][j] == improved ? action.driverPoints() : 0;
      double x = RowRandom.clip(Math.round(means[s][j] + lift
          + PlantedEffects.DRIVER_LATENT_LOADING * latent + PlantedEffects.DRIVER_OWN_SD * r.nextGaussian()), 1, 10);
      y += betas[s][j] * x;
      boolean skipped = skipper && r.nextBoolean();
      ratings[driverIndexes[s][j]] = skipped ? null : x;
    }
    if (p.stepId().equals(PlantedEffects.WORSENING_STEP) && period.firstEpochDay + day >= worseningFromDay) {
      y -= PlantedEffects.WORSENING_POINTS;
    }
    double sat = RowRandom.clip(Math.round(y + PlantedEffects.SATISFACTION_NOISE_SD * r.nextGaussian()), 1, 10);
    Integer nps = r.nextDouble() < 0.20 ? null
        : (int) RowRandom.clip(Math.round(sat - 0.6 + 1.1 * r.nextGaussian()), 0, 10);
    Double effort = r.nextDouble() < 0.35 ? null
        : (double) RowRandom.clip(Math.round(4 - 0.55 * (sat - 6.5) + 0.9 * r.nextGaussian()), 1, 7);
    double seg = r.nextDouble();
    String segment = seg < 0.03 ? null : seg < 0.22 ? "business" : "consumer";
    double w = "business".equals(segment) ? 1.2 + 0.8 * r.nextDouble() : 0.6 + 0.8 * r.nextDouble();
    Double weight = r.nextDouble() < 0.25 ? null : Math.round(w * 100) / 100.0;
    // Drawn last, so that every other value is what it was before the column existed.
    Double retention = r.nextDouble() < PlantedEffects.RETENTION_INTENT_EMPTY_SHARE ? null
        : (double) RowRandom.clip(Math.round(1.5 + 0.75 * sat + 1.2 * r.nextGaussian()), 1, 10);
    return new SurveyRow(Ids.of('R', id + 1, 8), customer, p.stepId(), channel, respondedAt, sat, nps, effort,
        weight, segment, retention, Arrays.asList(ratings), CsvText.NONE);
  }

  @Override
  SurveyRow broken(Broken kind, SurveyRow row, SplittableRandom b) {
    return switch (kind) {
      case BAD_TIMESTAMP -> {
        String iso = RowLayout.isoTimestamp(row.respondedAt());
        String[] options = {
            iso.substring(8, 10) + "-" + iso.substring(5, 7) + "-" + iso.substring(0, 4) + " " + iso.substring(11, 16),
            iso.substring(5, 7) + "/" + iso.substring(8, 10) + "/" + iso.substring(0, 4) + " 2:03 PM",
            iso.substring(0, 5) + "13" + iso.substring(7),
            "gisteren", "#VALUE!"};
        yield row.withCsvText("responded_at", options[b.nextInt(options.length)]);
      }
      case BAD_NUMBER -> {
        String column = switch (b.nextInt(4)) {
          case 0 -> row.nps() != null ? "nps" : "satisfaction";
          case 1 -> row.weight() != null ? "weight" : "satisfaction";
          case 2 -> firstAnsweredDriverColumn(row);
          default -> "satisfaction";
        };
        double value = ((Number) SurveyRow.LAYOUT.value(row, column)).doubleValue();
        String[] options = {RowLayout.number(value) + ",5", "zeven", "n/a", "#N/A", "8+"};
        yield row.withCsvText(column, options[b.nextInt(options.length)]);
      }
      case SATISFACTION_OUT_OF_SCALE -> row.withSatisfaction(new double[] {0, 11, 75, -1}[b.nextInt(4)]);
      case NPS_OUT_OF_RANGE -> row.withNps(new int[] {-1, 11, 12, 99}[b.nextInt(4)]);
      case DRIVER_OUT_OF_SCALE -> row.withDriver(firstAskedDriver(row), new double[] {0, 11, 99, -1}[b.nextInt(4)]);
      case WEIGHT_NOT_POSITIVE -> row.withWeight(new double[] {0, -1, -0.5}[b.nextInt(3)]);
      case UNKNOWN_STEP -> row.withStepId(UNKNOWN_STEP_IDS[b.nextInt(UNKNOWN_STEP_IDS.length)]);
      case MISSING_RESPONSE_ID -> row.withResponseId(null);
      case MISSING_STEP_ID -> row.withStepId(null);
      case MISSING_SATISFACTION -> row.withSatisfaction(null);
      case MISSING_RESPONDED_AT -> row.withRespondedAt(null);
      case DUPLICATE_RESPONSE_ID -> row; // the first row: nothing earlier to copy
    };
  }

  /** The same answers re-exported a few minutes later. */
  @Override
  SurveyRow nearCopy(SurveyRow original, SplittableRandom b) {
    Long at = original.respondedAt();
    return at == null ? original : original.withRespondedAt(at + 60 + b.nextInt(600));
  }

  /** The column of the first answered driver, or satisfaction when none is answered. */
  private static String firstAnsweredDriverColumn(SurveyRow row) {
    for (int i = 0; i < row.drivers().size(); i++) {
      if (row.drivers().get(i) != null) {
        return SurveyRow.driverColumn(PlantedEffects.DRIVERS.get(i));
      }
    }
    return "satisfaction";
  }

  /** The step's most important driver (asked in every step, answered or not). */
  private String firstAskedDriver(SurveyRow row) {
    for (StepProfile step : steps) {
      if (step.stepId().equals(row.stepId())) {
        return step.drivers().get(0);
      }
    }
    return PlantedEffects.DRIVERS.get(0);
  }
}
