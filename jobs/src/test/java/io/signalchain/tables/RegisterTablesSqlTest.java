package io.signalchain.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** jobs/sql/register_tables.sql, executed against real job output: every table and view works. */
class RegisterTablesSqlTest {
  @Test
  void registersEveryTableAndTheLatestSucceededRunViews() throws Exception {
    SparkSession spark = SharedSpark.session();
    List<String> statements = statements(SampleRun.output().toString());
    try {
      statements.forEach(spark::sql);
      List<String> registered = spark.catalog().listTables("signalchain").collectAsList().stream()
          .filter(t -> !t.tableType().equals("VIEW")).map(org.apache.spark.sql.catalog.Table::name).sorted().toList();
      assertEquals(SampleRun.tables(), registered, "every output table is registered");

      String runId = spark.sql("select run_id from signalchain.latest_run").first().getString(0);
      assertEquals(spark.read().format("delta").load(SampleRun.path("run_log")).filter("status = 'SUCCEEDED'")
          .first().getAs("run_id"), runId);
      for (String table : SampleRun.tables()) {
        if (table.equals("journey_steps") || table.equals("run_log")) {
          continue;
        }
        long expected = spark.read().format("delta").load(SampleRun.path(table)).filter("run_id = '" + runId + "'").count();
        long latest = spark.sql("select * from signalchain." + table + "_latest").count();
        assertTrue(expected > 0, table);
        assertEquals(expected, latest, table + "_latest holds the succeeded run's rows");
      }
    } finally {
      spark.sql("DROP SCHEMA IF EXISTS signalchain CASCADE");
    }
  }

  /** The file's statements with ${output} substituted, comments dropped. */
  static List<String> statements(String output) throws Exception {
    String sql = Files.readString(TestConfigs.repositoryRoot().resolve("jobs/sql/register_tables.sql"));
    String code = Arrays.stream(sql.split("\n")).filter(l -> !l.trim().startsWith("--"))
        .reduce("", (a, b) -> a + b + "\n").replace("${output}", output);
    return Arrays.stream(code.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
