package io.signalchain.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one place a SparkSession is configured for Signalchain. */
public final class SparkSessions {
  private static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

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
   * The job's session. Under spark-submit the master and resources come from spark-submit; a
   * master is set here only when none was given (the embedded local default) or when the user
   * asked for one explicitly. Unless the user set it (or the session is theirs), Delta rebuilds
   * a table's state in one task instead of 50: the run's tables hold a few files per run date,
   * and the 50 tasks per table read made a run on the samples take 108 s instead of 82 s.
   */
  public static JobSession forJob(String appName, String masterOverride) {
    boolean embedded = SparkSession.getDefaultSession().isDefined();
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = withDelta(SparkSession.builder().appName(appName));
    if (masterOverride != null) {
      builder.master(masterOverride);
    } else if (!conf.contains("spark.master")) {
      builder.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "8")
          .config("spark.sql.adaptive.enabled", "true");
    }
    if (!embedded && !conf.contains(SNAPSHOT_PARTITIONS)) {
      builder.config(SNAPSHOT_PARTITIONS, "1");
    }
    return new JobSession(builder.getOrCreate(), !embedded);
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
