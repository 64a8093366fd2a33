package io.signalchain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.config.JourneyStep;
import io.signalchain.errors.ExitCode;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.HeadlessChromium;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signalchain report --team on the shared sample run: one team's steps only, and never a customer id. */
class TeamReportTest {
  @TempDir static Path dir;
  static Path billing;
  static String html;

  @BeforeAll
  static void billingsReport() throws IOException {
    billing = dir.resolve("billing.html");
    var r = CliRunner.run("report", "--team", "billing", "--run-date", SampleRun.RUN_DATE, "--output",
        SampleRun.output().toString(), "--report-file", billing.toString());
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    assertTrue(r.out().contains("Report: file:" + billing), r.out());
    html = Files.readString(billing, StandardCharsets.UTF_8);
  }

  @Test
  void showsTheTeamsStepsOnlyWithItsScorecard() {
    var journey = TestConfigs.defaults().journey();
    // billing: receive_invoice, pay, pay.direct_debit, pay.reminder (pay.arrangement is collections')
    assertEquals(List.of("receive_invoice", "pay", "pay.direct_debit", "pay.reminder"), journey.stepsOf("billing"));
    for (JourneyStep step : journey.steps()) {
      String name = Html.escape(step.nameNl());
      assertEquals("billing".equals(step.owner()), html.contains(name), step.id() + " " + step.nameNl());
    }
    assertTrue(html.contains("<title>Signalchain " + SampleRun.RUN_DATE + " · team billing</title>"));
    assertTrue(html.contains("Alleen de stappen van team billing."));
    assertTrue(html.contains("<h2>Scorekaart van het team</h2>"));
    assertTrue(html.contains("<td class=\"name\"><b>Team billing</b></td>"), "the team's total row");
    for (String section : List.of("Kerncijfers per stap", "Wat drijft de tevredenheid?",
        "Prioriteit van de stappen van het team", "Kanaalsturing: mix nu tegen doel", "Tevredenheid door de tijd")) {
      assertTrue(html.contains(section), section);
    }
    long bands = html.split("class=\"band\"", -1).length - 1;
    assertEquals(4, bands, "a trend per billing step");
    // the sample run's alert on pay.arrangement is collections', not billing's
    assertFalse(html.contains("Ik maak een betalingsregeling"));
    // the team's open and overdue follow-ups, counted here from the run's worklist
    var followUps = SharedSpark.session().read().format("delta").load(SampleRun.path("follow_ups"))
        .filter("owner_team = 'billing' and status = 'open'");
    long open = followUps.count();
    long overdue = followUps.filter("overdue").count();
    assertTrue(open > 0, "the sample run lists billing's customers");
    int team = html.indexOf("<b>Team billing</b>");
    String row = html.substring(team, html.indexOf("</tr>", team));
    assertTrue(row.endsWith("<td>" + open + "</td><td>" + overdue + "</td>"), row);
  }

  @Test
  void aTeamWithOnlyASubStepGetsThatStep() throws IOException {
    Path collections = dir.resolve("collections.html");
    var r = CliRunner.run("report", "--team", "collections", "--output", SampleRun.output().toString(),
        "--report-file", collections.toString());
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    String page = Files.readString(collections, StandardCharsets.UTF_8);
    assertTrue(page.contains("<li>Ik maak een betalingsregeling: tevredenheid 4,8 in week 43"),
        "its step's alert, as in the whole report");
    assertFalse(page.contains("Ik betaal</"), "not the parent step another team owns");
    assertTrue(page.contains("aria-label=\"importance–performance chart\""), "its step's drivers");
  }

  @Test
  void anUnknownTeamIsAUsageErrorListingTheTeams() {
    var r = CliRunner.run("report", "--team", "marketing", "--output", SampleRun.output().toString(),
        "--report-file", dir.resolve("marketing.html").toString());
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, r.code());
    assertTrue(r.err().contains("unknown team 'marketing'; the teams that own steps are: billing, collections, "
        + "customer_service, field_service, onboarding, product, retention"), r.err());
    assertTrue(r.err().contains("what to do: Pass one of those teams with --team"), r.err());
    assertFalse(Files.exists(dir.resolve("marketing.html")), "nothing written");
  }

  @Test
  void noReportContainsACustomerId() throws IOException {
    Set<String> customers = new HashSet<>();
    for (String input : List.of("survey_responses.csv", "contacts.csv")) {
      try (Stream<String> lines = Files.lines(TestConfigs.repositoryRoot().resolve("data-samples").resolve(input))) {
        lines.skip(1).map(l -> l.split(",", 3)[1]).filter(id -> !id.isEmpty()).forEach(customers::add);
      }
    }
    assertTrue(customers.size() > 1000, "the samples' customers: " + customers.size());
    Path main = SampleRun.output().getParent().resolve("reports/signalchain-" + SampleRun.RUN_DATE + ".html");
    for (Path report : List.of(main, billing)) {
      String page = Files.readString(report, StandardCharsets.UTF_8);
      Matcher word = Pattern.compile("[A-Za-z0-9_]+").matcher(page);
      while (word.find()) {
        assertFalse(customers.contains(word.group()), report + " shows customer " + word.group());
      }
      assertFalse(Pattern.compile("K\\d{7}").matcher(page).find(), report + " shows a customer-like id");
    }
  }

  @Test
  void rendersInARealBrowser() throws Exception {
    HeadlessChromium.assertRendersCleanly(billing, Path.of("target", "team-report-screenshot.png").toAbsolutePath(),
        dir);
  }
}
