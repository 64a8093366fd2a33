package io.signalchain.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.SignalchainConfig;
import io.signalchain.errors.ExitCode;
import io.signalchain.errors.SignalchainException;
import io.signalchain.testing.TestConfigs;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How stored column names map onto the input contract (no Spark). */
class StoredColumnsTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private static final InputContract SURVEY = InputContracts.surveyResponses(CONFIG);
  private static final InputContract CONTACTS = InputContracts.contacts(CONFIG);
  private static final Set<String> CORRUPT = Set.of(InputReader.CORRUPT_RECORD);

  private static List<String> names(InputContract contract, String... stored) {
    return StoredColumns.readNames(contract, "f.csv", Arrays.asList(stored), CORRUPT);
  }

  @Test
  void contractAndDriverColumnsMatchIgnoringCaseAndSurroundingSpaces() {
    assertEquals(List.of("response_id", "weight", "satisfaction", "driver_speed", "driver_ease"),
        names(SURVEY, "\uFEFFResponse_ID", " Weight ", "SATISFACTION\t", "Driver_Speed", " driver_EASE"));
  }

  @Test
  void otherColumnsKeepTheirStoredNameMadeUniqueForSpark() {
    assertEquals(List.of("contact_id", "source.system", "my col", "\"quoted\"", "back`tick", "Note", "note_6", "_c7",
            "_corrupt_record_8", "driver_x"),
        names(CONTACTS, "contact_id", "source.system", "my col", "\"quoted\"", "back`tick", "Note", "note", "",
            "_corrupt_record", "driver_x"));
    // an inner space or another spelling is not the contract column: it is an ignored column
    assertEquals(List.of("response id", "weights"), names(SURVEY, "response id", "weights"));
  }

  @Test
  void twoColumnsReadAsOneNameStopTheRun() {
    var e = assertThrows(SignalchainException.class, () -> names(SURVEY, "response_id", "weight", " Weight "));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("f.csv has two columns that both read as weight: 'weight' and ' Weight '"),
        e.getMessage());
    var drivers = assertThrows(SignalchainException.class, () -> names(SURVEY, "driver_speed", "Driver_Speed"));
    assertTrue(drivers.getMessage().contains("'driver_speed' and 'Driver_Speed'"), drivers.getMessage());
  }

  @Test
  void aDriverColumnNeedsANameSparkAndTheTablesCanCarry() {
    var e = assertThrows(SignalchainException.class, () -> names(SURVEY, "response_id", "driver_wait time"));
    assertEquals(ExitCode.INPUT_UNREADABLE, e.exitCode());
    assertTrue(e.getMessage().contains("driver column 'driver_wait time'"), e.getMessage());
    assertThrows(SignalchainException.class, () -> names(SURVEY, "driver_"));
    assertThrows(SignalchainException.class, () -> names(SURVEY, "driver_a.b"));
    assertEquals(List.of("driver_wachttijd_ß"), names(SURVEY, "Driver_Wachttijd_ß"));
  }
}
