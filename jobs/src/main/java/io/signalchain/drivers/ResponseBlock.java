package io.signalchain.drivers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition's responses with an outcome, read once from the input and kept (persisted) for
 * both passes of the stage: column by column in primitive arrays, the step and segment as codes
 * into {@link #units} and {@link #segments}. The second pass then reads arrays instead of
 * decoding the input again, and finds a row's step by its code instead of hashing its name.
 * Drivers not answered hold 0; {@link #pattern} says which were.
 */
final class ResponseBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int FIRST_DRIVER = 4;

  /** The steps of this partition by code. */
  final String[] units;
  /** The segments ("" for none) by code; null when not read. */
  final String[] segments;
  final int size;
  /** Driver columns per row in {@link #drivers}. */
  final int columns;
  final int[] unit;
  /** Null when the segments are not read. */
  final int[] segment;
  final long[] pattern;
  final double[] outcome;
  final double[] weight;
  /** Row-major: row i's driver column c at {@code i · columns + c}. */
  final double[] drivers;
  /** The 64-bit hash of each response id; null when not read. */
  final long[] idHash;

  private ResponseBlock(String[] units, String[] segments, int size, int columns, int[] unit, int[] segment,
      long[] pattern, double[] outcome, double[] weight, double[] drivers, long[] idHash) {
    this.units = units;
    this.segments = segments;
    this.size = size;
    this.columns = columns;
    this.unit = unit;
    this.segment = segment;
    this.pattern = pattern;
    this.outcome = outcome;
    this.weight = weight;
    this.drivers = drivers;
    this.idHash = idHash;
  }

  double driver(int row, int column) {
    return drivers[row * columns + column];
  }

  /**
   * Reads a partition's internal rows: unit, pattern, outcome, weight, then {@code columns} driver
   * columns; then, with {@code idHash}, the hash of the response id; then, with {@code segment},
   * the segment ("" for none).
   */
  static ResponseBlock read(Iterator<InternalRow> rows, int columns, boolean idHash, boolean segment) {
    Codes units = new Codes();
    Codes segments = new Codes();
    int capacity = 1024;
    int[] unit = new int[capacity];
    int[] seg = segment ? new int[capacity] : null;
    long[] pattern = new long[capacity];
    double[] outcome = new double[capacity];
    double[] weight = new double[capacity];
    double[] drivers = new double[capacity * columns];
    long[] ids = idHash ? new long[capacity] : null;
    int n = 0;
    int idField = FIRST_DRIVER + columns;
    int segmentField = idField + (idHash ? 1 : 0);
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      if (n == capacity) {
        capacity *= 2;
        unit = Arrays.copyOf(unit, capacity);
        seg = segment ? Arrays.copyOf(seg, capacity) : null;
        pattern = Arrays.copyOf(pattern, capacity);
        outcome = Arrays.copyOf(outcome, capacity);
        weight = Arrays.copyOf(weight, capacity);
        drivers = Arrays.copyOf(drivers, capacity * columns);
        ids = idHash ? Arrays.copyOf(ids, capacity) : null;
      }
      unit[n] = units.of(row.getUTF8String(0));
      pattern[n] = row.getLong(1);
      outcome[n] = row.getDouble(2);
      weight[n] = row.getDouble(3);
      for (int c = 0, at = n * columns; c < columns; c++, at++) {
        int field = FIRST_DRIVER + c;
        if (!row.isNullAt(field)) {
          drivers[at] = row.getDouble(field);
        }
      }
      if (idHash) {
        ids[n] = row.getLong(idField);
      }
      if (segment) {
        seg[n] = segments.of(row.getUTF8String(segmentField));
      }
      n++;
    }
    return new ResponseBlock(units.names(), segment ? segments.names() : null, n, columns, Arrays.copyOf(unit, n),
        segment ? Arrays.copyOf(seg, n) : null, Arrays.copyOf(pattern, n), Arrays.copyOf(outcome, n),
        Arrays.copyOf(weight, n), Arrays.copyOf(drivers, n * columns), idHash ? Arrays.copyOf(ids, n) : null);
  }

  /** Codes of a partition's distinct strings, in order of appearance. */
  private static final class Codes {
    private final Map<UTF8String, Integer> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int of(UTF8String value) {
      Integer code = codes.get(value);
      if (code == null) {
        code = names.size();
        codes.put(value.clone(), code);
        names.add(value.toString());
      }
      return code;
    }

    String[] names() {
      return names.toArray(String[]::new);
    }
  }
}
