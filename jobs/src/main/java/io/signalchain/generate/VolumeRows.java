package io.signalchain.generate;

import io.signalchain.generate.PlantedEffects.StepProfile;
import io.signalchain.generate.RowLayout.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * process_volumes rows: one per leaf step × day × channel through which the step is completed
 * (its completion mix, in {@link PlantedEffects}). Row {@code id} is day {@code id / pairs},
 * (step, channel) pair {@code id % pairs}.
 *
 * <p>A step's total over the period is sized from the contacts: expected contacts on the step ×
 * 1000 / {@link StepProfile#contactsPer1000()}. Days: weekdays 1, Saturday 0.5, Sunday 0.35;
 * ±15% log-normal day-to-day noise; rounded (a quiet channel may show 0).
 *
 * <p>Broken rows (one in {@value RowRandom#BROKEN_STRIDE}, ≈ 1.5%, kinds in turn, see {@link
 * Broken}).
 */
final class VolumeRows extends InputRows<VolumeRow, VolumeRows.Broken> {

  enum Broken {
    /** date as "31-10-2026", "2026-02-30", "2026/10/31" or "week 44" (CSV). */
    BAD_DATE(true),
    /** volume "1.234,0", "n/a" or "12k" (CSV). */
    BAD_NUMBER(true),
    /** volume −1 or −(the volume): a correction booked as a negative count. */
    NEGATIVE_VOLUME(false),
    MISSING_DATE(false),
    /** step_id not in the journey. */
    UNKNOWN_STEP(false);

    final boolean csvOnly;

    Broken(boolean csvOnly) {
      this.csvOnly = csvOnly;
    }

    static Broken[] available(boolean csv) {
      return Arrays.stream(values()).filter(b -> csv || !b.csvOnly).toArray(Broken[]::new);
    }
  }

  static final String[] UNKNOWN_STEP_IDS = {"pay.all", "facturen", "move", "old_process"};

  private final Period period;
  private final String[] pairStep;
  private final String[] pairChannel;
  /** Expected volume per day of average weekday weight, per pair. */
  private final double[] pairDaily;
  private final double meanDayWeight;

  VolumeRows(long seed, Period period, long contacts, boolean csv) {
    super(seed, RowRandom.VOLUMES, csv, Broken.available(csv), null, VolumeRow.LAYOUT);
    this.period = period;
    double totalWeight = PlantedEffects.STEPS.values().stream().mapToDouble(StepProfile::contactWeight).sum();
    double classified = contacts * (1 - PlantedEffects.UNCLASSIFIED_CONTACT_SHARE);
    List<String> steps = new ArrayList<>();
    List<String> channels = new ArrayList<>();
    List<Double> daily = new ArrayList<>();
    for (StepProfile p : PlantedEffects.STEPS.values()) {
      double passes = classified * p.contactWeight() / totalWeight * 1000 / p.contactsPer1000();
      double mixTotal = 0;
      for (double m : p.completionMix()) {
        mixTotal += m;
      }
      for (int c = 0; c < p.completionMix().length; c++) {
        if (p.completionMix()[c] > 0) {
          steps.add(p.stepId());
          channels.add(PlantedEffects.CHANNELS.get(c));
          daily.add(passes / period.days * p.completionMix()[c] / mixTotal);
        }
      }
    }
    pairStep = steps.toArray(new String[0]);
    pairChannel = channels.toArray(new String[0]);
    pairDaily = daily.stream().mapToDouble(Double::doubleValue).toArray();
    double sum = 0;
    for (int d = 0; d < period.days; d++) {
      sum += dayWeight(d);
    }
    meanDayWeight = sum / period.days;
  }

  /** Rows in the output: every day × every (step, channel) pair. */
  long rows() {
    return (long) period.days * pairStep.length;
  }

  private double dayWeight(int day) {
    int dow = period.dayOfWeek(day);
    return dow == 6 ? 0.5 : dow == 7 ? 0.35 : 1.0;
  }

  @Override
  VolumeRow clean(long id) {
    int day = (int) (id / pairStep.length);
    int pair = (int) (id % pairStep.length);
    SplittableRandom r = cleanRandom(id);
    long volume = Math.round(pairDaily[pair] * dayWeight(day) / meanDayWeight * Math.exp(0.15 * r.nextGaussian()));
    return new VolumeRow(pairStep[pair], (int) (period.firstEpochDay + day), pairChannel[pair], volume, CsvText.NONE);
  }

  @Override
  VolumeRow broken(Broken kind, VolumeRow row, SplittableRandom b) {
    return switch (kind) {
      case BAD_DATE -> {
        String iso = RowLayout.format(Type.DATE, row.date());
        String[] options = {iso.substring(8, 10) + "-" + iso.substring(5, 7) + "-" + iso.substring(0, 4),
            iso.substring(0, 5) + "02-30", iso.replace('-', '/'), "week 44"};
        yield row.withCsvText("date", options[b.nextInt(options.length)]);
      }
      case BAD_NUMBER -> row.withCsvText("volume", new String[] {"1.234,0", "n/a", "12k"}[b.nextInt(3)]);
      case NEGATIVE_VOLUME -> row.withVolume(b.nextBoolean() || row.volume() == 0 ? -1L : -row.volume());
      case MISSING_DATE -> row.withDate(null);
      case UNKNOWN_STEP -> row.withStepId(UNKNOWN_STEP_IDS[b.nextInt(UNKNOWN_STEP_IDS.length)]);
    };
  }
}
