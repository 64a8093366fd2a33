package io.signalchain.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.signalchain.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** The default journey as the configuration defines it, and small helpers to read generated CSV. */
final class GeneratorFixtures {
  private GeneratorFixtures() {}

  /** step id → parent id ("" for top-level steps), from conf/journey.yaml. */
  static Map<String, String> journey() {
    Path file = Files.exists(Path.of("conf/journey.yaml")) ? Path.of("conf/journey.yaml")
        : Path.of("../conf/journey.yaml");
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      Map<String, String> steps = new LinkedHashMap<>();
      for (JsonNode step : root.get("steps")) {
        steps.put(step.get("id").asText(), step.hasNonNull("parent") ? step.get("parent").asText() : "");
      }
      return steps;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Steps that have no sub-steps: the ones signals are generated for. */
  static List<String> leafSteps() {
    Map<String, String> j = journey();
    return j.keySet().stream().filter(id -> !j.containsValue(id)).toList();
  }

  /** Every row of a generated CSV file, all columns as text (null = empty). Small files only. */
  static List<Row> readCsv(Path file) {
    return SharedSpark.session().read()
        .option("header", "true")
        .option("escape", "\"")
        .csv(file.toString())
        .collectAsList();
  }

  static String header(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean parsesAsDouble(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
