package io.signalchain.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.publish.OutputTable;
import io.signalchain.testing.CatalogViews;
import io.signalchain.testing.PublishedRuns;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;
import org.junit.jupiter.api.Test;

/** jobs/sql/register_tables.sql, executed against real job output: every table and view works. */
class RegisterTablesSqlTest {
  @Test
  void registersEveryTableAndTheLatestSucceededRunViews() throws Exception {
    SparkSession spark = SharedSpark.session();
    try (var views = CatalogViews.register(SampleRun.output().toString())) {
      List<String> registered = spark.catalog().listTables("signalchain").collectAsList().stream()
          .filter(t -> !t.tableType().equals("VIEW")).map(Table::name).sorted().toList();
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
