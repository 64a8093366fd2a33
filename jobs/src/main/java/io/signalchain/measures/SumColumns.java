package io.signalchain.measures;

import org.apache.spark.sql.Row;

/** The sums of an aggregated row, read on the driver: a sum over no rows (null) is 0. */
public final class SumColumns {
  private SumColumns() {}

  public static long longOf(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? 0 : ((Number) v).longValue();
  }

  public static double doubleOf(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? 0 : ((Number) v).doubleValue();
  }
}
