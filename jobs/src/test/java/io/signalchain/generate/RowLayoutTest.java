package io.signalchain.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Generated records become Spark rows in one place: typed for Parquet, as text (or CSV text) for CSV. */
class RowLayoutTest {
  /** 2026-10-31T14:03:05 UTC and 2026-10-31 as the layout holds them. */
  private static final long OCT_31_1403 = 20_757L * 86_400 + 14 * 3600 + 3 * 60 + 5;
  private static final int OCT_31 = 20_757;

  private static final ContactRow CONTACT = new ContactRow("C00000001", null, OCT_31_1403, "phone",
      "pay.reminder", "complaint", "betaling al gedaan", 390.0, 6.5, CsvText.NONE);

  @Test
  void csvWritesEachValueAsTheInputContractSpellsIt() {
    Row csv = ContactRow.LAYOUT.row(CONTACT, true);
    assertEquals("[C00000001,null,2026-10-31T14:03:05,phone,pay.reminder,complaint,betaling al gedaan,390,6.5]",
        csv.toString());
    assertNull(csv.get(1), "an empty customer_id stays empty");
    Row volume = VolumeRow.LAYOUT.row(new VolumeRow("pay", OCT_31, "app_web", 1234L, CsvText.NONE), true);
    assertEquals("[pay,2026-10-31,app_web,1234]", volume.toString());
  }

  @Test
  void parquetKeepsTheTypedValues() {
    Row typed = ContactRow.LAYOUT.row(CONTACT, false);
    assertEquals(OCT_31_1403, typed.get(2));
    assertEquals(390.0, typed.get(7));
    assertEquals(9, typed.size());
  }

  @Test
  void csvTextReplacesOnlyItsColumnInCsvAndParquetIgnoresIt() {
    ContactRow broken = CONTACT.withCsvText("cost_eur", "€ 6,50").withCsvText("contacted_at", "onbekend");
    Row csv = ContactRow.LAYOUT.row(broken, true);
    assertEquals("onbekend", csv.get(2));
    assertEquals("€ 6,50", csv.get(8));
    assertEquals("390", csv.get(7));
    assertEquals(6.5, ContactRow.LAYOUT.row(broken, false).get(8));
    assertTrue(CONTACT.csvText().isEmpty(), "a with… copy leaves the original as it was");
  }

  @Test
  void csvTextForAColumnTheInputDoesNotHaveIsABug() {
    ContactRow typo = CONTACT.withCsvText("contacted", "onbekend");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContactRow.LAYOUT.row(typo, true));
    assertTrue(e.getMessage().contains("contacted"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ContactRow.LAYOUT.row(typo, false));
  }

  @Test
  void surveyDriverRatingsFillTheDriverColumnsInDriverOrder() {
    List<Double> ratings = new ArrayList<>(Collections.nCopies(PlantedEffects.DRIVERS.size(), (Double) null));
    ratings.set(1, 8.0);
    SurveyRow row = new SurveyRow("R00000001", "K0000001", "pay.reminder", null, OCT_31_1403, 7.0, 6, null, 0.91,
        "consumer", 8.0, ratings, CsvText.NONE);
    SurveyRow broken = row.withDriver("clarity", 11.0).withDriver(PlantedEffects.DRIVERS.get(0), 3.0);
    Row csv = SurveyRow.LAYOUT.row(broken, true);
    assertEquals("retention_intent", SurveyRow.LAYOUT.schema(true).fieldNames()[10]);
    assertEquals("8", csv.get(10));
    assertEquals("driver_" + PlantedEffects.DRIVERS.get(0), SurveyRow.LAYOUT.schema(true).fieldNames()[11]);
    assertEquals("3", csv.get(11));
    assertEquals("11", csv.get(11 + PlantedEffects.DRIVERS.indexOf("clarity")));
    assertEquals(8.0, row.drivers().get(1), "the original keeps its ratings");
    assertEquals(6, SurveyRow.LAYOUT.value(row, "nps"));
    assertThrows(IllegalArgumentException.class, () -> new SurveyRow("R1", null, "pay", null, OCT_31_1403, 7.0,
        null, null, null, null, null, List.of(8.0), CsvText.NONE));
  }
}
