package io.signalchain.input;

import io.signalchain.errors.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The names under which an input's stored columns are read: a column whose name matches a
 * contract column, or (for an input with drivers) starts with {@code driver_}, ignoring case and
 * surrounding spaces, is read as that name in lower case; two such columns with the same name
 * stop the run. Any other column keeps its stored name (it is ignored, but shown in the raw
 * record of a rejected row), made unique where Spark would see two columns of the same name.
 */
final class StoredColumns {
  private static final Pattern DRIVER = Pattern.compile(InputContract.DRIVER_PREFIX + "[\\p{L}\\p{N}_]+");

  private StoredColumns() {}

  /**
   * The name to read each stored column as, in stored order.
   *
   * @param file the file (or table) holding the columns, named in errors
   * @param reserved names the reader itself adds, which an ignored column must not take
   */
  static List<String> readNames(InputContract contract, String file, List<String> stored, Set<String> reserved) {
    Set<String> contractNames = contract.fields().stream().map(Field::name).collect(Collectors.toSet());
    Map<String, String> storedByName = new HashMap<>();
    List<String> names = new ArrayList<>(stored.size());
    for (String column : stored) {
      String key = key(column);
      boolean driver = contract.driverScale() != null && key.startsWith(InputContract.DRIVER_PREFIX);
      if (!contractNames.contains(key) && !driver) {
        names.add(null);
        continue;
      }
      if (driver && !DRIVER.matcher(key).matches()) {
        throw Errors.badDriverColumn(contract.source(), file, column);
      }
      String earlier = storedByName.putIfAbsent(key, column);
      if (earlier != null) {
        throw Errors.duplicateColumns(contract.source(), file, key, earlier, column);
      }
      names.add(key);
    }
    // Ignored columns: the stored name, unless Spark (which matches names ignoring case) would
    // take it for another column; then, as Spark's own CSV reader does, the name and its position.
    Set<String> taken = new HashSet<>();
    names.stream().filter(n -> n != null).forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
    reserved.forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null) {
        String column = stored.get(i) == null || stored.get(i).isEmpty() ? "_c" + i : stored.get(i);
        String name = taken.contains(column.toLowerCase(Locale.ROOT)) ? column + "_" + i : column;
        while (!taken.add(name.toLowerCase(Locale.ROOT))) {
          name = name + "_";
        }
        names.set(i, name);
      }
    }
    return names;
  }

  /** A stored name as matched against the contract: without surrounding spaces or a byte-order mark, lower case. */
  static String key(String column) {
    String name = column == null ? "" : column;
    if (name.startsWith("\uFEFF")) {
      name = name.substring(1);
    }
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
