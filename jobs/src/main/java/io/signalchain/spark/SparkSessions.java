package io.signalchain.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one place a SparkSession is configured for Signalchain. */
public final class SparkSessions {
  /** What the job tunes in its own session unless the user set it ({@link #jobSettings} says why). */
  private static final Map<String, String> TUNED = Map.of(
      "spark.databricks.delta.snapshotPartitions", "1",
      "spark.sql.codegen.aggregate.map.twolevel.enabled", "false",
      "spark.sql.codegen.cache.maxEntries", "4000");

  private SparkSessions() {}

  /**
   * Settings every Signalchain session needs, whoever launches it: Delta as the table format, UTC,
   * and no constraint propagation: the validation's plan (every field's text, value and rules,
   * each computed once in its own projection) has so many aliases that inferring constraints over
   * them takes the optimizer minutes; it gains the run nothing (Spark's documented remedy).
   */
  public static SparkSession.Builder withDelta(SparkSession.Builder builder) {
    return builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.constraintPropagation.enabled", "false");
  }

  /**
   * The job's session, with {@link #jobSettings} over the settings every session needs; the
   * user's own settings come from spark-submit or {@code spark.*} system properties.
   */
  public static JobSession forJob(String appName, String masterOverride) {
    boolean embedded = SparkSession.getDefaultSession().isDefined();
    SparkSession.Builder builder = withDelta(SparkSession.builder().appName(appName));
    jobSettings(new SparkConf(), embedded, masterOverride).forEach(builder::config);
    return new JobSession(builder.getOrCreate(), !embedded);
  }

  /**
   * What the job sets given the user's {@code conf}. Under spark-submit the master and resources
   * come from spark-submit; a master is set only when none was given (the embedded local
   * default, with its local settings) or when the user asked for one explicitly. Unless the user
   * set them, or the session is theirs ({@code embedded}: a notebook, a test):
   * <ul>
   *   <li>Delta rebuilds a table's state in one task instead of 50: the run's tables hold a few
   *       files per run date, and the 50 tasks per table read made a run on the samples take
   *       108 s instead of 82 s;
   *   <li>a grouping looks its groups up in one hash map, not first in a small one of 65,536
   *       groups: the run's large groupings (the contacts per day: 400,000 groups at scale 1)
   *       overflow the small one and then pay both lookups. Summing the contacts per day took
   *       9.8–10.3 s instead of 12.3–12.7 s at scale 1, the run 196–197 s instead of 203–206 s;
   *   <li>Spark keeps up to 4,000 pieces of code it generated instead of 100: a run generates
   *       about 830 different ones, and with 100 kept it compiled 973 (Janino, then the JIT) on
   *       the samples, each query's repeated code again;
   *   <li>when Spark runs in this JVM ({@code local}), the local disk is written without starting
   *       a process per file and rename ({@link LocalFiles}); executors elsewhere keep Hadoop's.
   * </ul>
   */
  static Map<String, String> jobSettings(SparkConf conf, boolean embedded, String masterOverride) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (masterOverride != null) {
      settings.put("spark.master", masterOverride);
    } else if (!conf.contains("spark.master")) {
      settings.put("spark.master", "local[*]");
      settings.put("spark.ui.enabled", "false");
      settings.put("spark.sql.shuffle.partitions", "8");
      settings.put("spark.sql.adaptive.enabled", "true");
    }
    if (!embedded) {
      String master = settings.getOrDefault("spark.master", conf.get("spark.master", "local"));
      Map<String, String> tuned = new LinkedHashMap<>(TUNED);
      if (master.equals("local") || master.startsWith("local[")) {
        tuned.putAll(LocalFiles.SETTINGS);
      }
      tuned.forEach((key, value) -> {
        if (!conf.contains(key)) {
          settings.put(key, value);
        }
      });
    }
    return settings;
  }

  /**
   * The job's session; closing stops it only if the job created it (not when the job runs inside
   * a JVM that already had a session, such as a notebook or a test).
   */
  public record JobSession(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }
}
