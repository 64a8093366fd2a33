package io.signalchain.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.publish.OutputTable;
import io.signalchain.testing.CatalogViews;
import io.signalchain.testing.PublishedRuns;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** jobs/sql/register_tables.sql, executed against real job output: every table and view works. */
class RegisterTablesSqlTest {
  @Test
  void registersEveryTableAndTheLatestSucceededRunViews() throws Exception {
    SparkSession spark = SharedSpark.session();
    try (var views = CatalogViews.register(SampleRun.output().toString())) {
      // By SQL: spark.catalog().listTables() cannot build its Table objects under the test
      // session's interpreted evaluation (Spark's reflection passes a Scala array as a Java one).
      Set<String> viewNames = spark.sql("SHOW VIEWS IN signalchain").collectAsList().stream()
          .map(r -> r.getString(r.fieldIndex("viewName"))).collect(Collectors.toSet());
      List<String> registered = spark.sql("SHOW TABLES IN signalchain").collectAsList().stream()
          .map(r -> r.getString(r.fieldIndex("tableName"))).filter(t -> !viewNames.contains(t)).sorted().toList();
      assertEquals(OutputTable.names().stream().sorted().toList(), registered, "every output table is registered");

      String runId = spark.sql("select run_id from signalchain.latest_run").first().getString(0);
      assertEquals(PublishedRuns.latestSucceeded(SampleRun.output(), SampleRun.RUN_DATE), runId);
      assertEquals(1, spark.sql("select * from signalchain.latest_runs").count(), "one run per run date");
      for (OutputTable table : OutputTable.perRun()) {
        long expected = spark.read().format("delta").load(SampleRun.path(table.tableName()))
            .filter("run_id = '" + runId + "'").count();
        long latest = spark.sql("select * from signalchain." + table.tableName() + "_latest").count();
        assertTrue(expected > 0, table.tableName());
        assertEquals(expected, latest, table.tableName() + "_latest holds the succeeded run's rows");
      }
    }
  }
}
