package io.signalchain.drivers;

import io.signalchain.config.DriverSettings;
import io.signalchain.drivers.stats.Moments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which drivers one step is analysed on: its configured list, or else every driver answered by at
 * least the configured share of its responses. {@code responses} counts the step's responses with
 * an outcome; the regression uses those that answered every chosen driver (listwise).
 */
record DriverSelection(long drivers, List<String> names, long responses, String note) {

  static DriverSelection choose(String unit, List<PatternMoments> patterns, List<String> allNames,
      DriverSettings settings) {
    long responses = patterns.stream().mapToLong(p -> p.moments().count()).sum();
    long chosen = 0;
    List<String> notes = new ArrayList<>();
    List<String> configured = settings.perStep().get(unit);
    if (configured != null) {
      for (String name : configured) {
        int column = allNames.indexOf(name);
        if (column < 0) {
          notes.add("configured driver '" + name + "' is not a column of the survey input (driver_" + name + ")");
        } else {
          chosen |= 1L << column;
        }
      }
    } else {
      for (int column = 0; column < allNames.size(); column++) {
        final int c = column;
        long answered = patterns.stream().filter(p -> p.answers(c)).mapToLong(p -> p.moments().count()).sum();
        if (responses > 0 && answered >= settings.minAnswerShare() * responses) {
          chosen |= 1L << column;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int column = 0; column < allNames.size(); column++) {
      if ((chosen & (1L << column)) != 0) {
        names.add(allNames.get(column));
      }
    }
    return new DriverSelection(chosen, names, responses, String.join("; ", notes));
  }

  /** The input column of each chosen driver, in the order of {@link #names}. */
  List<Integer> columns() {
    List<Integer> columns = new ArrayList<>();
    for (int column = 0; column < 64; column++) {
      if ((drivers & (1L << column)) != 0) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** The moments of outcome and chosen drivers over the responses that answered all of them. */
  Moments listwiseMoments(List<PatternMoments> patterns) {
    Moments merged = new Moments(names.size() + 1);
    for (PatternMoments p : patterns) {
      if (p.answersAll(drivers)) {
        merged.merge(p.restrictedTo(drivers));
      }
    }
    return merged;
  }

  String describe(long used) {
    String share = responses == 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100.0 * used / responses);
    return used + " of " + responses + " responses answered every driver" + share;
  }
}
