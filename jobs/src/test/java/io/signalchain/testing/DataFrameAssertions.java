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
    ASSERTIONS.assertDataFrameApproximateEquals(expected, actual, tolerance);
  }

  /** Same schema and rows, in any order. */
  public static void assertEqualIgnoringOrder(Dataset<Row> expected, Dataset<Row> actual) {
    ASSERTIONS.assertDataFrameNoOrderEquals(expected, actual);
  }
}
