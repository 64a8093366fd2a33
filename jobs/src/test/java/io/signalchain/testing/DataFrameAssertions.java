package io.signalchain.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * spark-testing-base's DataFrame assertions for Jupiter tests. Only its comparison methods are
 * used; they run on the Datasets' own session, the shared one of {@link SharedSpark}.
 */
public final class DataFrameAssertions {
  private static final JavaDataFrameSuiteBase ASSERTIONS = new JavaDataFrameSuiteBase();

  private DataFrameAssertions() {}

  /** Same schema, same rows in the same order, doubles within {@code tolerance}. */
  public static void assertApproximatelyEqual(Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    readable(() -> ASSERTIONS.assertDataFrameApproximateEquals(expected, actual, tolerance), expected, actual);
  }

  /** Same schema and rows, in any order. */
  public static void assertEqualIgnoringOrder(Dataset<Row> expected, Dataset<Row> actual) {
    readable(() -> ASSERTIONS.assertDataFrameNoOrderEquals(expected, actual), expected, actual);
  }

  /**
   * The library's failure path reaches for its own (never started) session to show the rows;
   * show them here instead, so a failing comparison says what differs.
   */
  private static void readable(Runnable assertion, Dataset<Row> expected, Dataset<Row> actual) {
    try {
      assertion.run();
    } catch (NullPointerException e) {
      throw new AssertionError("DataFrames differ.\nexpected:\n" + expected.showString(50, 0, false)
          + "actual:\n" + actual.showString(50, 0, false), e);
    }
  }
}
