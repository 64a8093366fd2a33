package io.signalchain.testing;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test class, the shared session forgets what that class cached: Delta's cache of
 * table logs (each holds its snapshots' plans and cached state for an hour, and the suite makes
 * hundreds of tables), cached Datasets and persisted RDDs. Without it the suite's heap filled up
 * with the plans of finished tests until Spark could not allocate a page. Registered for every
 * class by {@code junit-platform.properties}; a class that starts no Spark is left alone.
 */
public final class SparkStateCleaner implements AfterAllCallback {
  @Override
  public void afterAll(ExtensionContext context) {
    if (!SharedSpark.started()) {
      return;
    }
    SparkSession spark = SharedSpark.session();
    DeltaLog.clearCache();
    spark.catalog().clearCache();
    spark.sparkContext().getPersistentRDDs().values().foreach(rdd -> rdd.unpersist(false));
  }
}
