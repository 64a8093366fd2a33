package io.signalchain.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A Delta table's commits read as the Delta protocol writes them, one JSON action per line in
 * _delta_log/{version}.json, on the driver. What a run's commit did is known without the Spark
 * job that Delta's history runs for every table it is asked about (a run asks after 17).
 */
final class CommitLog {
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private CommitLog() {}

  /**
   * The operation metrics of the newest commit, among the table's last {@code searched}, whose
   * userMetadata is {@code tag}; empty when there is none (or no table).
   */
  static Map<String, String> metricsOfLatest(SparkSession spark, String table, String tag, int searched) {
    Path log = new Path(table, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
      FileStatus[] commits = fs.listStatus(log, p -> COMMIT_FILE.matcher(p.getName()).matches());
      Path[] newestFirst = Arrays.stream(commits).map(FileStatus::getPath)
          .sorted(Comparator.comparing(Path::getName).reversed()).limit(searched).toArray(Path[]::new);
      for (Path commit : newestFirst) {
        JsonNode info = commitInfo(fs, commit);
        if (info != null && tag.equals(info.path("userMetadata").asText(null))) {
          Map<String, String> metrics = new LinkedHashMap<>();
          info.path("operationMetrics").fields().forEachRemaining(m -> metrics.put(m.getKey(), m.getValue().asText()));
          return metrics;
        }
      }
      return Map.of();
    } catch (FileNotFoundException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Delta log of " + table, e);
    }
  }

  /** The commit's commitInfo action (Delta writes it first), or null. */
  private static JsonNode commitInfo(FileSystem fs, Path commit) throws IOException {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode info = JSON.readTree(line).get("commitInfo");
        if (info != null) {
          return info;
        }
      }
      return null;
    }
  }
}
