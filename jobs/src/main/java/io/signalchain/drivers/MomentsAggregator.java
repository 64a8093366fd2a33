package io.signalchain.drivers;

import io.signalchain.drivers.stats.Moments;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Weighted moments of one group's rows, as a Spark aggregate: {@code reduce} per row, {@code merge}
 * across partitions (numerically stable, like Spark's WeightedLeastSquares aggregator). Input: the
 * outcome, the weight and every driver column (null where not answered). Groups are (step,
 * answered-driver pattern), so all rows of a group answer the same drivers: the moments are over
 * the outcome and those drivers, and a row is read without building any array per row.
 */
public final class MomentsAggregator extends Aggregator<Row, MomentsAggregator.Buffer, Row> {
  static final StructType OUTPUT = new StructType()
      .add("count", DataTypes.LongType, false)
      .add("weight_sum", DataTypes.DoubleType, false)
      .add("means", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("comoment", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  private final int drivers;

  MomentsAggregator(int drivers) {
    this.drivers = drivers;
  }

  /** outcome, weight, then the driver columns. */
  StructType inputSchema() {
    StructType schema = new StructType().add("outcome", DataTypes.DoubleType).add("weight", DataTypes.DoubleType);
    for (int i = 0; i < drivers; i++) {
      schema = schema.add("driver_" + i, DataTypes.DoubleType);
    }
    return schema;
  }

  /** The moments so far, and the row's values; null until the first row tells the group's size. */
  public static final class Buffer implements java.io.Serializable {
    Moments moments;
    transient double[] values;
  }

  @Override
  public Buffer zero() {
    return new Buffer();
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    if (buffer.values == null) {
      int answered = 1;
      for (int i = 2; i < row.length(); i++) {
        answered += row.isNullAt(i) ? 0 : 1;
      }
      buffer.values = new double[answered];
      if (buffer.moments == null) {
        buffer.moments = new Moments(answered);
      }
    }
    double[] values = buffer.values;
    values[0] = row.getDouble(0);
    for (int i = 2, v = 1; i < row.length(); i++) {
      if (!row.isNullAt(i)) {
        values[v++] = row.getDouble(i);
      }
    }
    buffer.moments.add(values, row.getDouble(1));
    return buffer;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    if (a.moments == null) {
      return b;
    }
    if (b.moments != null) {
      a.moments.merge(b.moments);
    }
    return a;
  }

  @Override
  public Row finish(Buffer buffer) {
    Moments m = buffer.moments;
    return RowFactory.create(m.count(), m.weightSum(), m.means(), m.packedComoment());
  }

  @Override
  public Encoder<Buffer> bufferEncoder() {
    return Encoders.javaSerialization(Buffer.class);
  }

  @Override
  public Encoder<Row> outputEncoder() {
    return Encoders.row(OUTPUT);
  }
}
