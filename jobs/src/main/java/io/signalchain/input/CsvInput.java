package io.signalchain.input;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.signalchain.config.InputSpec;
import io.signalchain.errors.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a CSV input (one file or a folder of files) as text, every file by its own header: the
 * header of each file is read first (one record, with the same dialect), files with the same
 * header are read together in one Spark read with that header as schema, and the reads are
 * united by column name. The dialect is RFC 4180: fields separated by commas, quoted with
 * {@code "}, a quote inside quotes doubled ({@code ""}), and (with {@code multiline}) line breaks
 * allowed inside quotes. Rows that do not fit their file's header keep their raw text in
 * {@link InputReader#CORRUPT_RECORD}.
 */
final class CsvInput {
  private static final char QUOTE = '"';
  private static final int MAX_COLUMNS = 20480;

  private CsvInput() {}

  static Dataset<Row> read(SparkSession spark, InputContract contract, InputSpec spec) throws AnalysisException {
    String[] files = spark.read().schema("value string").format("csv").load(spec.path()).inputFiles();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<List<String>, List<String>> filesByHeader = new LinkedHashMap<>();
    for (String uri : files) {
      // as a path (not a URI, whose escapes Spark would escape again) for errors and for Spark
      String file = new Path(URI.create(uri)).toString();
      List<String> header = header(hadoop, file);
      if (!header.isEmpty()) {
        filesByHeader.computeIfAbsent(header, h -> new ArrayList<>()).add(file);
      }
    }
    if (filesByHeader.isEmpty()) {
      throw Errors.emptyInput(contract.source(), spec.path());
    }
    Dataset<Row> all = null;
    for (var group : filesByHeader.entrySet()) {
      String firstFile = group.getValue().get(0);
      List<String> names = StoredColumns.readNames(contract, firstFile, group.getKey(),
          Set.of(InputReader.CORRUPT_RECORD));
      InputReader.requireColumns(contract, firstFile, names);
      Dataset<Row> part = reader(spark, spec, names).csv(group.getValue().toArray(String[]::new));
      if (spec.multiline()) {
        part = withSwallowedRecordsMalformed(part, names);
      }
      all = all == null ? part : all.unionByName(part, true);
    }
    return all;
  }

  /**
   * A quote opened and never closed takes the following lines into one field, up to the next
   * quote or the end of the file; when that field is the last one, the record still fits the
   * header and the lines it took would vanish. A value holding a line with as many commas as the
   * header has separators is taken for such records: the row is marked malformed, with its
   * fields joined by commas as raw text, so that it is rejected and counted.
   */
  private static Dataset<Row> withSwallowedRecordsMalformed(Dataset<Row> part, List<String> names) {
    if (names.size() < 2) {
      return part;
    }
    String wholeLine = "[\\r\\n][^\\r\\n,]*(?:,[^\\r\\n,]*){" + (names.size() - 1) + "}";
    Column swallowed = functions.lit(false);
    Column[] values = new Column[names.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = functions.coalesce(part.col(InputReader.quoted(names.get(i))), functions.lit(""));
      // the plain search for a line break first: most values have none, and it costs far less
      Column lineBreak = values[i].contains("\n").or(values[i].contains("\r"));
      swallowed = swallowed.or(lineBreak.and(values[i].rlike(wholeLine)));
    }
    Column corrupt = part.col(InputReader.CORRUPT_RECORD);
    return part.withColumn(InputReader.CORRUPT_RECORD,
        functions.when(corrupt.isNull().and(swallowed), functions.concat_ws(",", values)).otherwise(corrupt));
  }

  private static DataFrameReader reader(SparkSession spark, InputSpec spec, List<String> names) {
    List<StructField> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(InputReader.CORRUPT_RECORD, DataTypes.StringType, true));
    // The header row of each file is skipped and the schema applies by position: every file in
    // this read has exactly this header.
    return spark.read()
        .schema(new StructType(fields.toArray(StructField[]::new)))
        .option("header", "true")
        .option("encoding", "UTF-8")
        .option("quote", String.valueOf(QUOTE))
        .option("escape", String.valueOf(QUOTE))
        .option("multiLine", spec.multiline())
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", InputReader.CORRUPT_RECORD);
  }

  /** The first record of a file (its header), read with the input's dialect; empty for an empty file. */
  static List<String> header(Configuration hadoop, String file) {
    Path path = new Path(file);
    try (InputStream in = open(hadoop, path);
         Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      CsvParser parser = new CsvParser(headerSettings());
      parser.beginParsing(text);
      String[] header = parser.parseNext();
      parser.stopParsing();
      return header == null ? List.of() : Arrays.asList(header);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the header of " + file, e);
    }
  }

  private static InputStream open(Configuration hadoop, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    InputStream in = fs.open(path);
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    return codec == null ? in : codec.createInputStream(in);
  }

  private static CsvParserSettings headerSettings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote(QUOTE);
    settings.getFormat().setQuoteEscape(QUOTE);
    settings.getFormat().setComment('\0');
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setSkipEmptyLines(true);
    settings.setMaxColumns(MAX_COLUMNS);
    settings.setMaxCharsPerColumn(-1);
    settings.setNullValue("");
    settings.setEmptyValue("");
    return settings;
  }
}
