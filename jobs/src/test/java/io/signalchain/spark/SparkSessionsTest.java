package io.signalchain.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** What the job adds to the user's Spark settings, by how it was started. */
class SparkSessionsTest {
  private static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";
  private static final String TWO_LEVEL_MAP = "spark.sql.codegen.aggregate.map.twolevel.enabled";
  private static final String CODE_CACHE = "spark.sql.codegen.cache.maxEntries";
  private static final String FILE_SYSTEM = "spark.hadoop.fs.file.impl";
  private static final String FILE_CONTEXT = "spark.hadoop.fs.AbstractFileSystem.file.impl";
  /** What the job tunes in its own session, written out here so that a changed value fails. */
  private static final Map<String, String> TUNED = Map.of(SNAPSHOT_PARTITIONS, "1", TWO_LEVEL_MAP, "false",
      CODE_CACHE, "4000");
  /** Added when Spark runs in the job's JVM: the local disk written without a process per file. */
  private static final Map<String, String> LOCAL_FILES = Map.of(FILE_SYSTEM, "io.signalchain.spark.LocalFiles",
      FILE_CONTEXT, "io.signalchain.spark.LocalFiles$Context");

  @Test
  void theEmbeddedDefaultRunsLocallyWithDeltaStateInOneTask() {
    assertEquals(tunedAnd(Map.of("spark.master", "local[*]", "spark.ui.enabled", "false",
        "spark.sql.shuffle.partitions", "8", "spark.sql.adaptive.enabled", "true"), LOCAL_FILES),
        SparkSessions.jobSettings(new SparkConf(false), false, null));
    assertEquals(tunedAnd(Map.of(), LOCAL_FILES), SparkSessions.jobSettings(
        new SparkConf(false).set("spark.master", "local[4]"), false, null), "spark-submit --master local[4]");
  }

  @Test
  void underSparkSubmitToAClusterOnlyTheTunedSettingsAreAdded() {
    SparkConf submitted = new SparkConf(false).set("spark.master", "spark://cluster:7077");
    assertEquals(TUNED, SparkSessions.jobSettings(submitted, false, null));
  }

  @Test
  void theUsersOwnSettingsWin() {
    SparkConf own = new SparkConf(false).set("spark.master", "yarn").set(SNAPSHOT_PARTITIONS, "50")
        .set(TWO_LEVEL_MAP, "true").set(CODE_CACHE, "100");
    assertEquals(Map.of(), SparkSessions.jobSettings(own, false, null));
    assertEquals(Map.of(TWO_LEVEL_MAP, "false", CODE_CACHE, "4000"), SparkSessions.jobSettings(
        new SparkConf(false).set("spark.master", "yarn").set(SNAPSHOT_PARTITIONS, "50"), false, null),
        "each setting on its own");
    assertEquals(tunedAnd(Map.of("spark.master", "local[2]"), LOCAL_FILES),
        SparkSessions.jobSettings(new SparkConf(false), false, "local[2]"), "--master, as the user asked");
    assertEquals(tunedAnd(Map.of("spark.master", "local[2]"), Map.of(FILE_CONTEXT, LOCAL_FILES.get(FILE_CONTEXT))),
        SparkSessions.jobSettings(new SparkConf(false).set(FILE_SYSTEM, "org.apache.hadoop.fs.LocalFileSystem"), false,
            "local[2]"), "Hadoop's own file system, as the user set it");
  }

  @Test
  void aSessionThatIsTheUsersKeepsSparksAndDeltasDefaults() {
    assertEquals(Map.of("spark.master", "local[2]"), SparkSessions.jobSettings(new SparkConf(false), true, "local[2]"));
  }

  @SafeVarargs
  private static Map<String, String> tunedAnd(Map<String, String>... settings) {
    Map<String, String> all = new HashMap<>(TUNED);
    for (Map<String, String> s : settings) {
      all.putAll(s);
    }
    return all;
  }
}
