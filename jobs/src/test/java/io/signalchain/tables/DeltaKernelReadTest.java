package io.signalchain.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.signalchain.publish.OutputTable;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import scala.collection.Seq;

/**
 * Every output table read with Delta Kernel — the library Trino, DuckDB, Power BI connectors and
 * other non-Spark engines build on — holds the same rows as Spark reads. Values are compared
 * exactly (both read the same Parquet bytes), as canonical strings: dates as days since the epoch,
 * timestamps as microseconds.
 */
class DeltaKernelReadTest {
  @Test
  void everyTableReadsTheSameWithDeltaKernel() throws Exception {
    Engine engine = DefaultEngine.create(new Configuration());
    List<String> tables = SampleRun.tables();
    assertEquals(OutputTable.names().stream().sorted().toList(), tables, "all output tables");
    for (String table : tables) {
      List<String> kernel = readWithKernel(engine, SampleRun.path(table));
      List<String> spark = readWithSpark(SampleRun.path(table), kernelColumns(engine, SampleRun.path(table)));
      assertTrue(!kernel.isEmpty(), table + " has rows");
      assertEquals(spark, kernel, table);
    }
  }

  private static List<String> kernelColumns(Engine engine, String path) throws Exception {
    return Table.forPath(engine, path).getLatestSnapshot(engine).getSchema(engine).fieldNames();
  }

  static List<String> readWithKernel(Engine engine, String path) throws Exception {
    Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
    Scan scan = snapshot.getScanBuilder(engine).build();
    Row scanState = scan.getScanState(engine);
    StructType readSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Row file = fileRows.next();
            var physical = engine.getParquetHandler().readParquetFiles(
                Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)), readSchema,
                Optional.empty());
            try (var logical = Scan.transformPhysicalData(engine, scanState, file, physical)) {
              while (logical.hasNext()) {
                try (CloseableIterator<Row> data = logical.next().getRows()) {
                  data.forEachRemaining(r -> rows.add(canonical(r)));
                }
              }
            }
          }
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  static String canonical(Row r) {
    StringBuilder out = new StringBuilder();
    StructType schema = r.getSchema();
    for (int i = 0; i < schema.length(); i++) {
      StructField field = schema.at(i);
      String type = field.getDataType().toString();
      Object value;
      if (r.isNullAt(i)) {
        value = null;
      } else if (type.startsWith("string")) {
        value = r.getString(i);
      } else if (type.startsWith("long")) {
        value = r.getLong(i);
      } else if (type.startsWith("integer") || type.startsWith("date")) {
        value = r.getInt(i);
      } else if (type.startsWith("double")) {
        value = r.getDouble(i);
      } else if (type.startsWith("boolean")) {
        value = r.getBoolean(i);
      } else if (type.startsWith("timestamp")) {
        value = r.getLong(i);
      } else if (type.startsWith("array[string]")) {
        ArrayValue array = r.getArray(i);
        List<String> elements = new ArrayList<>();
        for (int e = 0; e < array.getSize(); e++) {
          elements.add(array.getElements().isNullAt(e) ? null : array.getElements().getString(e));
        }
        value = elements;
      } else {
        throw new AssertionError("unexpected type " + type + " of " + field.getName());
      }
      out.append(field.getName()).append('=').append(value).append('|');
    }
    return out.toString();
  }

  static List<String> readWithSpark(String path, List<String> columns) {
    var df = SharedSpark.session().read().format("delta").load(path).selectExpr(columns.toArray(String[]::new));
    List<String> rows = new ArrayList<>();
    for (var r : df.collectAsList()) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        Object value = r.get(i);
        if (value instanceof Date d) {
          value = (int) d.toLocalDate().toEpochDay();
        } else if (value instanceof Timestamp t) {
          value = Math.floorDiv(t.getTime(), 1000) * 1_000_000L + t.getNanos() / 1000;
        } else if (value instanceof Seq) {
          value = r.getList(i);
        }
        out.append(columns.get(i)).append('=').append(value).append('|');
      }
      rows.add(out.toString());
    }
    rows.sort(null);
    return rows;
  }
}
