package io.signalchain.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.InputFormat;
import io.signalchain.config.InputSpec;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.ExitCode;
import io.signalchain.errors.SignalchainException;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header names and the CSV dialect: every value lands in its own column, or the run stops saying why. */
class InputReaderTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private static final String T = "2026-10-30T10:00:00";

  @TempDir Path dir;

  @Test
  void aHeaderDifferingOnlyInCaseOrSpacesIsTheContractColumn() {
    Path file = TestConfigs.write(dir.resolve("s.csv"), String.join("\n",
        " Response_ID ,step_id,responded_at,Satisfaction, Weight ,Driver_Speed",
        "R1,pay," + T + ",8,2.5,7",
        "R2,pay," + T + ",6,0,5"));
    ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, file.toString(), InputFormat.CSV);
    assertEquals(List.of("driver_speed"), input.driverColumns());
    Map<String, Row> rows = rowsById(input, "response_id");
    assertEquals(2.5, rows.get("R1").getAs("weight"), "the weight is used, not ignored");
    assertEquals(7.0, rows.get("R1").getAs("driver_speed"));
    // a weight of 0 is checked (and rejected) like any weight
    assertEquals("weight 0.0 is outside the allowed range (must be > 0)", rows.get("R2").getAs(Validation.REASON));
  }

  @Test
  void parquetAndDeltaColumnsAreMatchedTheSameWay() {
    var spark = SharedSpark.session();
    var table = spark.sql("select 'R1' as ` Response_ID`, 'pay' as STEP_ID, timestamp'" + T.replace('T', ' ')
        + "' as responded_at, 8.0 as Satisfaction, 2.5 as Weight, 7 as Driver_Speed, 'x' as `source.system`");
    String parquet = dir.resolve("p").toString();
    String delta = dir.resolve("d").toString();
    table.write().parquet(parquet);
    table.write().format("delta").option("delta.columnMapping.mode", "name").save(delta);
    for (var spec : List.of(new InputSpec(parquet, InputFormat.PARQUET), new InputSpec(delta, InputFormat.DELTA))) {
      ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, spec);
      Row row = rowsById(input, "response_id").get("R1");
      assertNull(row.getAs(Validation.REASON), spec.format() + ": " + row);
      assertEquals(2.5, row.getAs("weight"), spec.format().id());
      assertEquals(7.0, row.getAs("driver_speed"), spec.format().id());
    }
  }

  @Test
  void twoColumnsReadingAsOneNameStopTheRunNamingTheFile() {
    Path file = TestConfigs.write(dir.resolve("dup.csv"),
        "response_id,step_id,responded_at,satisfaction,weight, Weight\nR1,pay," + T + ",8,1,2\n");
    var e = assertThrows(SignalchainException.class, () -> read(InputContracts.SURVEY_RESPONSES, file.toString()));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("dup.csv has two columns that both read as weight: 'weight' and ' Weight'"),
        e.getMessage());

    String parquet = dir.resolve("dup-parquet").toString();
    SharedSpark.session().conf().set("spark.sql.caseSensitive", "true");
    try {
      SharedSpark.session().sql("select 'R1' as response_id, 1.0 as weight, 2.0 as Weight").write().parquet(parquet);
    } finally {
      SharedSpark.session().conf().set("spark.sql.caseSensitive", "false");
    }
    var p = assertThrows(SignalchainException.class,
        () -> read(InputContracts.SURVEY_RESPONSES, new InputSpec(parquet, InputFormat.PARQUET)));
    assertEquals(ExitCode.INPUT_UNREADABLE, p.exitCode());
    assertTrue(p.getMessage().contains("'weight' and 'Weight'"), p.getMessage());
  }

  @Test
  void everyFileOfAFolderIsReadByItsOwnHeader() {
    Path folder = dir.resolve("survey exports");
    TestConfigs.write(folder.resolve("part-1.csv"), String.join("\n",
        "response_id,step_id,responded_at,satisfaction,driver_ease,driver_speed",
        "R1,pay," + T + ",8,2,9",
        "R2,pay," + T + ",7,3,8"));
    TestConfigs.write(folder.resolve("part-2.csv"), String.join("\n",
        "driver_speed,satisfaction,Driver_Ease,responded_at,response_id,step_id,comment",
        "1,4,10," + T + ",R3,pay,late",
        "2,5,9," + T + ",R4,pay,"));
    TestConfigs.write(folder.resolve("part-3.csv"), String.join("\n",
        "response_id,step_id,responded_at,satisfaction",
        "R5,pay," + T + ",6"));
    TestConfigs.write(folder.resolve("_SUCCESS"), "");
    gzip(folder.resolve("part-4.csv.gz"), "satisfaction,response_id,step_id,responded_at\n3,R6,pay," + T + "\n");
    ValidatedInput input = validate(InputContracts.SURVEY_RESPONSES, folder.toString(), InputFormat.CSV);
    Map<String, Row> rows = rowsById(input, "response_id");
    assertEquals(6, rows.size());
    assertEquals(3.0, rows.get("R6").getAs("satisfaction"), "a compressed file is read by its own header too");
    // each file's values in their own columns: (satisfaction, driver_ease, driver_speed)
    assertEquals(List.of(8.0, 2.0, 9.0), values(rows.get("R1")));
    assertEquals(List.of(4.0, 10.0, 1.0), values(rows.get("R3")));
    assertEquals(List.of(5.0, 9.0, 2.0), values(rows.get("R4")));
    assertEquals(List.of(6.0), values(rows.get("R5")).subList(0, 1));
    assertNull(rows.get("R5").getAs("driver_ease"), "a driver a file does not have is not asked");
    assertEquals(6, input.accepted().count());
  }

  private static void gzip(Path file, String content) {
    try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFileOfAFolderLackingARequiredColumnStopsTheRunNamingThatFile() {
    Path folder = dir.resolve("contacts");
    TestConfigs.write(folder.resolve("a.csv"), "contact_id,contacted_at,channel,contact_type\nK1," + T
        + ",phone,question\n");
    TestConfigs.write(folder.resolve("b.csv"), "contact_id,contacted_at,kanaal,contact_type\nK2," + T
        + ",phone,question\n");
    var e = assertThrows(SignalchainException.class, () -> read(InputContracts.CONTACTS, folder.toString()));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("b.csv lacks required column(s) channel"), e.getMessage());
  }

  @Test
  void anyColumnNameWorksAndShowsInTheRawRecord() {
    Path file = TestConfigs.write(dir.resolve("c.csv"), String.join("\n",
        "contact_id,contacted_at,channel,contact_type,source.system,my col,\"\"\"quoted\"\"\",back`tick,Note,note",
        "K1," + T + ",phone,question,crm,a,b,c,d,e",
        "K2," + T + ",pigeon,question,crm,a,b,c,d,e"));
    ValidatedInput input = validate(InputContracts.CONTACTS, file.toString(), InputFormat.CSV);
    assertEquals(1, input.accepted().count());
    Row rejected = input.rejected().first();
    assertEquals("unknown channel 'pigeon'", rejected.getAs("reason"));
    String record = rejected.getAs("record");
    assertTrue(record.contains("\"source.system\":\"crm\"") && record.contains("\"my col\":\"a\"")
        && record.contains("\"\\\"quoted\\\"\":\"b\"") && record.contains("\"back`tick\":\"c\"")
        && record.contains("\"Note\":\"d\"") && record.contains("\"note_9\":\"e\""), record);
  }

  @Test
  void quotedLineBreaksAndDoubledQuotesFollowRfc4180() {
    Path file = TestConfigs.write(dir.resolve("c.csv"), String.join("\r\n",
        "contact_id,contacted_at,channel,contact_type,reason",
        "K1," + T + ",phone,question,\"two\nlines\"",
        "K2," + T + ",phone,question,\"she said \"\"hi\"\"\"",
        "K3," + T + ",phone,question,\"comma, inside\"",
        "K4," + T + ",phone,question,a,too,many",
        "K5," + T + ",phone,question,\"back\\\\slash\\\"") + "\r\n");
    ValidatedInput input = validate(InputContracts.CONTACTS, file.toString(), InputFormat.CSV);
    // contact ids are checked, not kept: the rows as read show the values
    Map<String, Row> rows = rowsById(read(InputContracts.CONTACTS, file.toString()), "contact_id");
    assertEquals(input.rows().count(), input.accepted().count() + input.rejected().count());
    assertEquals(5, input.rows().count(), "five records read, whatever their lines");
    assertEquals(4, input.accepted().count());
    assertEquals("two\nlines", rows.get("K1").getAs("reason"));
    assertEquals("she said \"hi\"", rows.get("K2").getAs("reason"));
    assertEquals("comma, inside", rows.get("K3").getAs("reason"));
    assertEquals("back\\\\slash\\", rows.get("K5").getAs("reason"), "a backslash is an ordinary character");
    Row malformed = input.rejected().first();
    assertEquals("malformed line: its fields do not match the header", malformed.getAs("reason"));
    assertEquals("K4," + T + ",phone,question,a,too,many", malformed.getAs("record"));
  }

  @Test
  void anUnclosedQuoteCannotSwallowTheRowsAfterItUnseen() {
    Path file = TestConfigs.write(dir.resolve("c.csv"), String.join("\n",
        "contact_id,contacted_at,channel,contact_type,reason",
        "K1," + T + ",phone,question,\"an address,\nwith a comma, or two\"",
        "",
        "K2," + T + ",phone,question,\"unclosed",
        "K3," + T + ",phone,question,x",
        "K4," + T + ",phone,question,y") + "\n");
    ValidatedInput input = validate(InputContracts.CONTACTS, file.toString(), InputFormat.CSV);
    // the empty line is no record; K2's open quote runs to the end of the file, taking K3 and K4
    assertEquals(2, input.rows().count());
    assertEquals("an address,\nwith a comma, or two",
        rowsById(read(InputContracts.CONTACTS, file.toString()), "contact_id").get("K1").getAs("reason"),
        "a line break among fewer commas than the header has is an ordinary value");
    Row swallowing = input.rejected().first();
    assertEquals("malformed line: its fields do not match the header", swallowing.getAs("reason"));
    String record = swallowing.getAs("record");
    assertTrue(record.startsWith("K2,") && record.contains("\nK3," + T) && record.contains("\nK4," + T), record);
  }

  @Test
  void withoutMultilineEachLineIsARow() {
    Path file = TestConfigs.write(dir.resolve("c.csv"), String.join("\n",
        "contact_id,contacted_at,channel,contact_type,reason",
        "K1," + T + ",phone,question,\"two",
        "lines\"",
        "K2," + T + ",phone,question,\"she said \"\"hi\"\"\""));
    InputSpec lines = new InputSpec(file.toString(), InputFormat.CSV, false);
    ValidatedInput input = validate(InputContracts.CONTACTS, lines);
    Map<String, Row> rows = rowsById(read(InputContracts.CONTACTS, lines), "contact_id");
    assertEquals("she said \"hi\"", rows.get("K2").getAs("reason"));
    // a line break inside quotes ends the record: its first line is cut short, its second malformed
    assertEquals(3, input.rows().count());
    String cut = rows.get("K1").getAs("reason");
    assertTrue(cut.startsWith("two") && !cut.contains("lines"), cut);
    Row malformed = input.rejected().first();
    assertEquals("lines\"", malformed.getAs("record"));
  }

  private static List<Double> values(Row row) {
    return Stream.of("satisfaction", "driver_ease", "driver_speed")
        .map(c -> (Double) row.getAs(c)).toList();
  }

  private static Map<String, Row> rowsById(ValidatedInput input, String id) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : input.rows().collectAsList()) {
      rows.put(r.getAs(id), r);
    }
    assertEquals(input.rows().count(), input.accepted().count() + input.rejected().count(),
        "accepted + rejected = read");
    return rows;
  }

  /** The rows as read (before validation), by id. */
  private static Map<String, Row> rowsById(Dataset<Row> read, String id) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : read.collectAsList()) {
      rows.put(r.getAs(id), r);
    }
    return rows;
  }

  private static Dataset<Row> read(String source, String csv) {
    return read(source, new InputSpec(csv, InputFormat.CSV));
  }

  private static Dataset<Row> read(String source, InputSpec spec) {
    return InputReader.read(SharedSpark.session(), InputContracts.forInput(source, CONFIG), spec);
  }

  private static ValidatedInput validate(String source, String path, InputFormat format) {
    return validate(source, new InputSpec(path, format));
  }

  private static ValidatedInput validate(String source, InputSpec spec) {
    var contract = InputContracts.forInput(source, CONFIG);
    return Validation.validate(InputReader.read(SharedSpark.session(), contract, spec), contract);
  }
}
