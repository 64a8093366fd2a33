package io.signalchain.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.InputSpec;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.journey.ContactDays;
import io.signalchain.journey.ContactGroups;
import io.signalchain.journey.JourneyConformance;
import io.signalchain.journey.JourneyStepsTable;
import io.signalchain.kpi.StepKpis;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One absurd value per input (a cost of 1e308, a weight of 1e308, a volume of 2^63 − 1) is
 * rejected with its bound, and the step KPIs of the rest are the hand-computed ones: finite.
 */
class ExtremeValuesTest {
  private static final SignalchainConfig CONFIG = TestConfigs.defaults();
  private static final LocalDate TODAY = LocalDate.of(2026, 10, 31);

  @TempDir Path dir;

  @Test
  void extremeValuesAreRejectedAndTheStepKpisStayFinite() {
    ValidatedInput surveys = validate(InputContracts.SURVEY_RESPONSES,
        "response_id,step_id,responded_at,satisfaction,weight\n"
            + "R1,use_product,2026-10-30T10:00:00,8,1\n"
            + "R2,use_product,2026-10-30T10:00:00,6,3\n"
            + "R3,use_product,2026-10-30T10:00:00,1,1e308\n");
    ValidatedInput contacts = validate(InputContracts.CONTACTS,
        "contact_id,contacted_at,channel,step_id,contact_type,cost_eur\n"
            + "K1,2026-10-30T10:00:00,phone,use_product,question,4.5\n"
            + "K2,2026-10-30T10:00:00,phone,use_product,question,\n"
            + "K3,2026-10-30T10:00:00,phone,use_product,question,1e308\n");
    ValidatedInput volumes = validate(InputContracts.PROCESS_VOLUMES,
        "step_id,date,volume\nuse_product,2026-10-30,1000\nuse_product,2026-10-30,9223372036854775807\n");
    for (ValidatedInput input : List.of(surveys, contacts, volumes)) {
      assertEquals(1, input.rejected().count(), input.source());
      assertTrue(input.rejected().first().getString(2).contains("is above the plausible maximum"),
          input.rejected().first().getString(2));
    }

    var journey = CONFIG.journey();
    Row kpi = StepKpis.compute(JourneyConformance.toUnits(surveys.accepted(), journey),
            ContactGroups.of(JourneyConformance.toUnits(ContactDays.of(contacts.accepted(), CONFIG), journey)),
            JourneyConformance.toUnits(volumes.accepted(), journey), JourneyStepsTable.units(journey), CONFIG)
        .filter("step_id = 'use_product'").first();
    // satisfaction (8·1 + 6·3) / (1 + 3) = 6.5; cost 4.50 + 6.50 (phone's configured cost) = 11.00;
    // volume 1,000; 2 contacts per 1,000 passes
    assertEquals(6.5, kpi.getDouble(kpi.fieldIndex("satisfaction_mean")), 1e-12);
    assertEquals(11.0, kpi.getDouble(kpi.fieldIndex("contact_cost_eur")), 1e-12);
    assertEquals(1000L, kpi.getLong(kpi.fieldIndex("process_volume")));
    assertEquals(2.0, kpi.getDouble(kpi.fieldIndex("contacts_per_1000")), 1e-12);
  }

  private ValidatedInput validate(String source, String csv) {
    var contract = InputContracts.forInput(source, CONFIG, TODAY);
    Path file = TestConfigs.write(dir.resolve(source + ".csv"), csv);
    return Validation.validate(InputReader.read(SharedSpark.session(), contract,
        new InputSpec(file.toString(), "csv")), contract);
  }
}
