package io.signalchain.publish;

import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * A long that orders strings by their first eight bytes, as Spark orders strings (UTF-8 bytes,
 * unsigned; a shorter string as if padded with zeros). Spark sorts rows by one long key with a
 * radix sort, while rows sorted by a string key are compared one against another wherever their
 * first eight bytes tie, which is every pair of one customer's signals: ordering a first night's
 * ten million signals that way was a quarter of writing them (docs/BENCHMARKS.md).
 */
final class PrefixOrder {
  private static final UserDefinedFunction KEY = udf((UDF1<byte[], Long>) PrefixOrder::key, DataTypes.LongType);

  private PrefixOrder() {}

  /** The ordering key of a string column; null where the string is. */
  static Column of(Column text) {
    return KEY.apply(text.cast("binary"));
  }

  static Long key(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    long key = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      key = key << 8 | (i < bytes.length ? bytes[i] & 0xff : 0);
    }
    // Signed order of the result = unsigned order of the bytes.
    return key ^ Long.MIN_VALUE;
  }
}
