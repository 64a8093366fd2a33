package io.signalchain.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * The meaning of every output column, from docs/tables.md (packaged in the jar), written as Delta
 * column comments so that catalogs and BI tools show the same documentation as the repository.
 */
public final class TableDocs {
  static final String RESOURCE = "/signalchain/tables.md";
  private static final Map<String, Map<String, String>> MEANINGS = parse(read());

  private TableDocs() {}

  /** The rows with each documented column's meaning attached as its comment. */
  public static Dataset<Row> commented(OutputTable table, Dataset<Row> rows) {
    Map<String, String> meanings = MEANINGS.getOrDefault(table.docsSection(), Map.of());
    Column[] columns = Arrays.stream(rows.columns()).map(c -> meanings.containsKey(c)
        ? rows.col(c).as(c, new MetadataBuilder().putString("comment", meanings.get(c)).build())
        : rows.col(c)).toArray(Column[]::new);
    return rows.select(columns);
  }

  public static Map<String, Map<String, String>> meanings() {
    return MEANINGS;
  }

  /** '## table' sections with '| column | type | meaning |' rows. */
  static Map<String, Map<String, String>> parse(String markdown) {
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("## ")) {
        current = new LinkedHashMap<>();
        tables.put(line.substring(3).trim(), current);
      } else if (current != null && line.startsWith("| ") && !line.startsWith("| column")
          && !line.startsWith("| ---")) {
        String[] cells = line.split("\\|");
        current.put(cells[1].trim(), cells[3].trim());
      }
    }
    return tables;
  }

  private static String read() {
    try (InputStream in = TableDocs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar; build with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
