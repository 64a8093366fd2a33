package io.signalchain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** jobs/sql/register_tables.sql run against an output folder: the catalog tables and views BI tools read. */
public final class CatalogViews implements AutoCloseable {
  private final SparkSession spark;

  private CatalogViews(SparkSession spark) {
    this.spark = spark;
  }

  /** Registers the output folder's tables and views in schema signalchain; closing drops the schema. */
  public static CatalogViews register(String output) {
    SparkSession spark = SharedSpark.session();
    spark.sql("DROP SCHEMA IF EXISTS signalchain CASCADE");
    statements(output).forEach(spark::sql);
    return new CatalogViews(spark);
  }

  /** The file's statements with ${output} substituted, comments dropped. */
  public static List<String> statements(String output) {
    try {
      String sql = Files.readString(TestConfigs.repositoryRoot().resolve("jobs/sql/register_tables.sql"));
      String code = Arrays.stream(sql.split("\n")).filter(l -> !l.trim().startsWith("--"))
          .reduce("", (a, b) -> a + b + "\n").replace("${output}", output);
      return Arrays.stream(code.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    spark.sql("DROP SCHEMA IF EXISTS signalchain CASCADE");
  }
}
