package io.signalchain.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.generate.PlantedEffects;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.SampleRun;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The sample run (data-samples/, run date 2026-10-31) finds the three planted actions, all started
 * 2026-09-01 (pre-period 7 July – 31 August, post-period 1 September – 26 October): ACT-001 raises
 * receive_invoice's clarity rating by 2 points and so its satisfaction by 0.96 (beta 0.48; about
 * 0.88 on the clipped 1–10 answers), ACT-002
 * prevents 30 % of report_fault's contacts
 * (420 → 294 per 1,000 passes), ACT-003 does nothing.
 */
class SampleActionEffectsTest {
  private static Map<String, Row> rows() {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : CliRunner.table(SampleRun.output(), "action_effects").collectAsList()) {
      rows.put(r.getAs("action_id") + "/" + r.getAs("metric"), r);
    }
    return rows;
  }

  private static boolean covers(Row r, double value) {
    return (double) r.getAs("did_ci_low") <= value && value <= (double) r.getAs("did_ci_high");
  }

  @Test
  void thePlantedActionsAreRecovered() {
    Map<String, Row> rows = rows();
    assertEquals(3 * 6, rows.size());
    for (Row r : rows.values()) {
      assertEquals("OK", r.getAs("status"), r.getAs("action_id") + "/" + r.getAs("metric"));
      assertEquals(8, (int) r.getAs("comparison_count"), "the 11 top-level steps but the three with an action");
    }
    Row satisfaction = rows.get("ACT-001/satisfaction");
    double planted = PlantedEffects.actionOn("receive_invoice").observedSatisfactionEffect();
    assertTrue(covers(satisfaction, planted) && !covers(satisfaction, 0), "ACT-001 clarity +2 × beta 0.48: "
        + planted + " on the 1–10 answers");
    Row contacts = rows.get("ACT-002/contacts_per_1000");
    assertTrue(covers(contacts, -126) && !covers(contacts, 0), "ACT-002 −126 per 1,000 passes");
    assertTrue((double) rows.get("ACT-002/contact_cost").getAs("euro_per_month") < 0, "ACT-002 saves money");
    assertTrue(covers(rows.get("ACT-003/satisfaction"), 0), "ACT-003 does nothing");
    assertTrue(covers(rows.get("ACT-003/contacts_per_1000"), 0), "ACT-003 does nothing");
    assertTrue(((String) satisfaction.getAs("sentence")).startsWith(
        "Nieuwe factuuruitleg (team Billing, Ik ontvang mijn factuur): tevredenheid +0,"));
  }
}
