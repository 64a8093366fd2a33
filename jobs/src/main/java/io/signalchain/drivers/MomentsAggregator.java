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
 * Weighted moments of one group's rows, as a Spark aggregate: {@code add} per row, {@code merge}
 * across partitions (numerically stable, like Spark's WeightedLeastSquares aggregator). Input:
 * the row's values (outcome first, then its answered drivers) and its weight. Every row of a
 * group has the same number of values, because groups are (step, answered-driver pattern).
 */
public final class MomentsAggregator extends Aggregator<Row, MomentsAggregator.Buffer, Row> {
  static final StructType INPUT = new StructType()
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("weight", DataTypes.DoubleType, false);
  static final StructType OUTPUT = new StructType()
      .add("count", DataTypes.LongType, false)
      .add("weight_sum", DataTypes.DoubleType, false)
      .add("means", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("comoment", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /** The moments so far; null until the first row tells how many variables the group has. */
  public static final class Buffer implements java.io.Serializable {
    Moments moments;
  }

  @Override
  public Buffer zero() {
    return new Buffer();
  }

  @Override
  public Buffer reduce(Buffer buffer, Row row) {
    double[] values = toArray(row.getList(0));
    if (buffer.moments == null) {
      buffer.moments = new Moments(values.length);
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

  private static double[] toArray(java.util.List<Double> list) {
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i);
    }
    return values;
  }
}
