package io.signalchain.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text written to CSV instead of some of a row's values, by column name: broken values no column
 * type can hold ("7,5", "onbekend", "31-10-2026"). Parquet ignores it.
 */
record CsvText(Map<String, String> byColumn) {
  static final CsvText NONE = new CsvText(Map.of());

  CsvText {
    byColumn = Map.copyOf(byColumn);
  }

  CsvText with(String column, String text) {
    Map<String, String> copy = new LinkedHashMap<>(byColumn);
    copy.put(column, text);
    return new CsvText(copy);
  }

  /** The text for {@code column}, or null to write its value. */
  String of(String column) {
    return byColumn.get(column);
  }

  boolean isEmpty() {
    return byColumn.isEmpty();
  }
}
