package io.signalchain.generate;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;

/**
 * The rows of one generated input, each computed from (seed, row id) alone. One row in every
 * block of {@value RowRandom#BROKEN_STRIDE} is broken, the kinds taking turns ({@link
 * RowRandom#brokenKind}); the duplicate kind repeats a row up to {@value #DUPLICATE_REACH} rows
 * earlier, as it was or ({@value #NEAR_COPY_SHARE} of them) as a near copy, the way a source
 * system registers or exports a record twice.
 *
 * @param <R> the input's row record
 * @param <K> the input's kinds of broken rows
 */
abstract class InputRows<R extends InputRow, K extends Enum<K>> implements Serializable {
  static final int DUPLICATE_REACH = 40;
  static final double NEAR_COPY_SHARE = 0.4;

  private final long seed;
  private final long stream;
  private final boolean csv;
  private final K[] kinds;
  private final K duplicate;
  private final RowLayout<R> layout;

  /**
   * @param stream    the input's {@link RowRandom} stream
   * @param kinds     the broken kinds this format can hold, in turn
   * @param duplicate the kind that repeats an earlier row, or null when the input has none
   */
  InputRows(long seed, long stream, boolean csv, K[] kinds, K duplicate, RowLayout<R> layout) {
    this.seed = seed;
    this.stream = stream;
    this.csv = csv;
    this.kinds = kinds.clone();
    this.duplicate = duplicate;
    this.layout = layout;
  }

  final RowLayout<R> layout() {
    return layout;
  }

  /** Row {@code id} as written: CSV text or typed. */
  final Row row(long id) {
    return layout.row(generate(id), csv);
  }

  final R generate(long id) {
    int k = RowRandom.brokenKind(seed, stream, id, kinds.length);
    if (k < 0) {
      return clean(id);
    }
    K kind = kinds[k];
    SplittableRandom b = RowRandom.forRow(seed, RowRandom.BROKEN ^ stream, id);
    if (kind == duplicate && id > 0) {
      R original = generate(id - 1 - b.nextInt((int) Math.min(id, DUPLICATE_REACH)));
      return b.nextDouble() < NEAR_COPY_SHARE ? nearCopy(original, b) : original;
    }
    return broken(kind, clean(id), b);
  }

  /** The draws of row {@code id}'s clean values. */
  final SplittableRandom cleanRandom(long id) {
    return RowRandom.forRow(seed, stream, id);
  }

  /** Row {@code id} before anything is broken. */
  abstract R clean(long id);

  /**
   * {@code row} broken as {@code kind}, drawing from {@code b}. The duplicate kind comes here
   * only for the very first row, which has nothing earlier to copy: it stays clean.
   */
  abstract R broken(K kind, R row, SplittableRandom b);

  /** An earlier row registered or exported again, a little different; drawing from {@code b}. */
  R nearCopy(R original, SplittableRandom b) {
    return original;
  }
}
