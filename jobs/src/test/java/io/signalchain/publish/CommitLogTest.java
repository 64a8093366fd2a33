package io.signalchain.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.signalchain.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's commit found in the Delta log's files by its tag, as Delta's own history reports it. */
class CommitLogTest {
  @TempDir Path dir;

  @Test
  void findsTheNewestCommitOfTheTagAmongTheLastSearched() {
    SparkSession spark = SharedSpark.session();
    String table = dir.resolve("t").toString();
    append(spark, table, 3, "run a");
    append(spark, table, 5, "run b");
    append(spark, table, 7, "run a");
    DeltaTable.forPath(spark, table).delete("id = 0");

    Map<String, String> newestOfA = CommitLog.metricsOfLatest(spark, table, "run a", 50);
    assertEquals("7", newestOfA.get("numOutputRows"), "the newest of run a's two writes");
    assertEquals(historyMetric(spark, table, 2, "numOutputRows"), newestOfA.get("numOutputRows"));
    assertEquals("5", CommitLog.metricsOfLatest(spark, table, "run b", 50).get("numOutputRows"));
    assertEquals(Map.of(), CommitLog.metricsOfLatest(spark, table, "run b", 2), "beyond the commits searched");
    assertEquals(Map.of(), CommitLog.metricsOfLatest(spark, table, "run c", 50), "no commit of the tag");
    assertEquals(Map.of(), CommitLog.metricsOfLatest(spark, dir.resolve("none").toString(), "run a", 50),
        "no table");
  }

  private static void append(SparkSession spark, String table, long rows, String tag) {
    spark.range(rows).write().format("delta").mode(SaveMode.Append).option("userMetadata", tag).save(table);
  }

  private static String historyMetric(SparkSession spark, String table, long version, String metric) {
    var commit = DeltaTable.forPath(spark, table).history().filter("version = " + version).first();
    return commit.<String, String>getJavaMap(commit.fieldIndex("operationMetrics")).get(metric);
  }
}
