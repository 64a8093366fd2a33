package io.signalchain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.ReportLanguage;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's section on the improvement actions, from the sample run's action_effects. */
class ActionsSectionTest {
  private static ReportData data() {
    return ReportLoader.load(SharedSpark.session(), new DeltaOutput(SampleRun.output().toString()),
        Optional.of(LocalDate.parse(SampleRun.RUN_DATE)));
  }

  @Test
  void listsEveryActionWithItsEffectIntervalContactsAndEuros() {
    ReportData d = data();
    assertEquals(3 * 6, d.actions().size());
    String dutch = RunReport.html(d, ReportLanguage.NL);
    assertTrue(dutch.contains("<h2>Wat leveren onze acties op?</h2>"));
    for (String title : List.of("Nieuwe factuuruitleg", "Storingsstatus in de app", "Nieuw wijzigingsformulier")) {
      assertTrue(dutch.contains("<td class=\"name\">" + title + "<br>"), title);
    }
    // ACT-001 and ACT-002 are significant (bold), ACT-003 is not
    assertEquals(2, dutch.split("<td><b>", -1).length - 1);
    assertTrue(dutch.contains("<td class=\"name\">contacts_per_1000</td><td><b>−108.15</b></td>"
        + "<td>−132.73 … −83.57</td><td>−108.1</td><td>−1,662</td><td class=\"name\">gemeten</td>"), "ACT-002");
    String english = RunReport.html(d, ReportLanguage.EN);
    assertTrue(english.contains("<h2>What do our actions deliver?</h2>"));
    assertTrue(english.contains("<td class=\"name\">I receive my invoice</td>"));
  }

  @Test
  void withoutActionsThereIsNoSection() {
    ReportData d = data();
    ReportData without = new ReportData(d.runId(), d.runDate(), d.windowStart(), d.windowEnd(), d.steps(), d.kpis(),
        d.priority(), d.models(), d.importance(), d.channelMix(), d.trends(), d.alerts(), d.asymmetry(),
        d.segments(), List.of(), d.scorecards(), d.team());
    assertFalse(RunReport.html(without, ReportLanguage.NL).contains("Wat leveren onze acties op?"));
  }
}
