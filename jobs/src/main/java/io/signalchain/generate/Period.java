package io.signalchain.generate;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** The generated period: {@code days} days ending on the end date, and when in it things happen. */
final class Period implements Serializable {
  final long firstEpochDay;
  final int days;

  Period(LocalDate start, int days) {
    this.firstEpochDay = start.toEpochDay();
    this.days = days;
  }

  /** 1 = Monday … 7 = Sunday. */
  int dayOfWeek(int dayIndex) {
    return DayOfWeek.from(LocalDate.ofEpochDay(firstEpochDay + dayIndex)).getValue();
  }

  /**
   * A day in the period; Saturdays are kept with probability {@code saturday}, Sundays with
   * {@code sunday} (a few redraws, so closed days stay rare but deterministic).
   */
  int pickDay(SplittableRandom rng, double saturday, double sunday) {
    int d = rng.nextInt(days);
    for (int tries = 0; tries < 6; tries++) {
      int dow = dayOfWeek(d);
      double keep = dow == 6 ? saturday : dow == 7 ? sunday : 1.0;
      if (keep >= 1.0 || rng.nextDouble() < keep) {
        return d;
      }
      d = rng.nextInt(days);
    }
    return d;
  }

  /** Epoch seconds of a moment on day {@code dayIndex}, hour drawn from {@code hourWeights}. */
  long moment(SplittableRandom rng, int dayIndex, double[] hourWeights) {
    int hour = RowRandom.pick(rng, hourWeights);
    int secondOfHour = rng.nextInt(3600);
    return (firstEpochDay + dayIndex) * 86_400L + hour * 3600L + secondOfHour;
  }

  /** Hour weights: {@code base} everywhere, 1 within [from, to), doubled in [peakFrom, peakTo). */
  static double[] hours(int from, int to, int peakFrom, int peakTo, double base) {
    double[] w = new double[24];
    for (int h = 0; h < 24; h++) {
      w[h] = h >= from && h < to ? 1.0 : base;
      if (h >= peakFrom && h < peakTo) {
        w[h] *= 2;
      }
    }
    return w;
  }
}
