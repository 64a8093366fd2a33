package io.signalchain.testing;

import io.signalchain.spark.LocalFiles;
import io.signalchain.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (the suite runs in two): local[2], UI off, few shuffle
 * partitions. Every test that needs Spark calls {@link #session()}; nobody else builds a session.
 */
public final class SharedSpark {
  /**
   * Spark's interpreted evaluation (its fallback when code fails to compile), which runs the same
   * expressions: on test data compiling each query's code cost more than running it (a warm run
   * on the tiny inputs took 35 s compiled, 23 s interpreted). The cluster test runs the job
   * compiled and checks its tables against the same references.
   */
  public static final Map<String, Object> INTERPRETED = Map.of("spark.sql.codegen.wholeStage", "false",
      "spark.sql.codegen.factoryMode", "NO_CODEGEN");
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessions.withDelta(SparkSession.builder())
          .master("local[2]")
          .appName("signalchain-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.adaptive.enabled", "false")
          // one per test JVM: the suite runs in two
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/signalchain-test-warehouse-"
              + System.getProperty("signalchain.test.fork", "1"))
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.driver.host", "127.0.0.1")
          .config(INTERPRETED)
          .config(Map.<String, Object>copyOf(LocalFiles.SETTINGS))
          // What is still compiled is kept: a test JVM runs hundreds of distinct queries.
          .config("spark.sql.codegen.cache.maxEntries", "4000")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  /** Whether a test has started the session. */
  public static synchronized boolean started() {
    return session != null;
  }
}
