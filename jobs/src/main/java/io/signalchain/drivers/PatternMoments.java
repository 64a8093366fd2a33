package io.signalchain.drivers;

import io.signalchain.drivers.stats.Moments;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The moments of one step's responses that answered exactly the drivers in {@code pattern} (bit
 * i = driver column i): outcome first, then those drivers in column order. Listwise deletion for
 * any driver set is then a merge of the patterns that contain the set, so one pass over the data
 * serves every choice of drivers.
 */
record PatternMoments(String unit, long pattern, Moments moments) implements Serializable {

  boolean answers(int driver) {
    return (pattern & (1L << driver)) != 0;
  }

  boolean answersAll(long drivers) {
    return (pattern & drivers) == drivers;
  }

  /** The moments of the outcome and {@code drivers} (bit set, column order) for these rows. */
  Moments restrictedTo(long drivers) {
    List<Integer> variables = new ArrayList<>();
    variables.add(0);
    int position = 0;
    for (int column = 0; column < 64; column++) {
      if (answers(column)) {
        position++;
        if ((drivers & (1L << column)) != 0) {
          variables.add(position);
        }
      }
    }
    return moments.select(variables.stream().mapToInt(Integer::intValue).toArray());
  }
}
