package io.signalchain.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notebooks keep every query as SQL in {@code spark.sql(f"""…""")}; each is extracted, given
 * the notebook's own parameter values (the output folder replaced by a real run's) and run against
 * that output: a notebook whose query breaks fails the build.
 */
class NotebookQueriesTest {
  private static final Pattern QUERY = Pattern.compile("spark\\.sql\\(f\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);
  private static final Pattern PARAMETER = Pattern.compile("^(\\w+) = (.+)$", Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {"driver_deep_dive.ipynb", "priorities_and_channels.ipynb"})
  void everyQueryRunsAgainstRealOutputAndReturnsRows(String notebook) throws Exception {
    JsonNode cells = new ObjectMapper().readTree(
        Files.readString(TestConfigs.repositoryRoot().resolve("notebooks").resolve(notebook))).get("cells");
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> queries = new ArrayList<>();
    for (JsonNode cell : cells) {
      String source = String.join("", new ObjectMapper().convertValue(cell.get("source"), String[].class));
      if (cell.path("metadata").path("tags").toString().contains("parameters")) {
        Matcher m = PARAMETER.matcher(source);
        while (m.find()) {
          parameters.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
        }
      }
      Matcher q = QUERY.matcher(source);
      while (q.find()) {
        queries.add(q.group(1));
      }
    }
    assertEquals(List.of("OUT", "RUN_DATE", "STEP", "VERSION"), List.copyOf(parameters.keySet()));
    assertTrue(queries.size() >= 5, notebook + " has its queries as SQL: " + queries.size());
    parameters.put("OUT", SampleRun.output().toString());
    for (String query : queries) {
      String sql = query;
      for (var p : parameters.entrySet()) {
        sql = sql.replace("{" + p.getKey() + "}", p.getValue());
      }
      assertTrue(!sql.contains("{"), "every placeholder is a parameter: " + sql);
      long rows = SharedSpark.session().sql(sql).count();
      assertTrue(rows > 0, notebook + " query returns rows:\n" + sql);
    }
  }

}
