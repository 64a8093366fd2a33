package io.signalchain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.signalchain.config.ReportLanguage;
import io.signalchain.errors.ExitCode;
import io.signalchain.publish.DeltaOutput;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import io.signalchain.testing.TestConfigs;
import io.signalchain.testing.TinyInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real run on the samples: self-contained, complete, and rendered by a real browser. */
class RunReportTest {
  @TempDir static Path dir;
  static Path report;
  static String html;

  @BeforeAll
  static void reportOnTheSampleRun() throws Exception {
    report = dir.resolve("report.html");
    var r = CliRunner.run("report", "--run-date", SampleRun.RUN_DATE, "--output", SampleRun.output().toString(),
        "--report-file", report.toString());
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    assertTrue(r.out().contains("Report: file:" + report), r.out());
    html = Files.readString(report, StandardCharsets.UTF_8);
  }

  @Test
  void showsEverySectionWithTheDutchStepNames() throws Exception {
    for (String section : List.of("Waar beginnen we? De top 3", "Prioriteit van alle stappen", "Kerncijfers per stap",
        "Wat drijft de tevredenheid?", "Kanaalsturing: mix nu tegen doel")) {
      assertTrue(html.contains(section), section);
    }
    for (var step : TestConfigs.defaults().journey().steps()) {
      assertTrue(html.contains(Html.escape(step.nameNl())), step.nameNl());
    }
    long charts = html.split("aria-label=\"importance–performance chart\"", -1).length - 1;
    assertEquals(20, charts, "an importance–performance chart per step with a model");
    assertTrue(html.contains("class=\"sig\""), "drivers that beat noise are marked");
    long intervals = html.split("class=\"interval\"", -1).length - 1;
    assertEquals(118, intervals, "an importance interval for every driver in a model (sample run, 200 replicates)");
    long penaltyReward = html.split("aria-label=\"penalty–reward chart\"", -1).length - 1;
    assertEquals(20, penaltyReward, "a penalty–reward chart per step with a model");
    assertTrue(html.contains("Basisbehoeften en verrassers"));
    assertTrue(html.contains("Werken de drivers anders per segment?"), "the segment comparison table");
    long differ = html.split("<td class=\"name\"><b>ja</b></td>", -1).length - 1;
    assertEquals(segmentsThatDiffer(), differ,
        "the sample run's segments whose drivers differ (driver_segments reference)");
    for (String top : List.of("Ik meld een storing", "Ik verhuis", "Ik betaal")) {
      assertTrue(html.matches("(?s).*<div class=\"card\"><b>\\d\\. " + top + "</b>.*"), "top-3 card for " + top);
    }
  }

  @Test
  void alertsComeFirstAndEveryStepHasATrendWithItsBand() {
    int alerts = html.indexOf("<h2>Signalen: wat werd er slechter?</h2>");
    assertTrue(alerts > 0 && alerts < html.indexOf("Waar beginnen we? De top 3"), "the alerts open the report");
    String alertBox = html.substring(alerts, html.indexOf("</div>", alerts));
    assertTrue(alertBox.contains("<li>Ik maak een betalingsregeling: tevredenheid 4,8 in week 43"), alertBox);
    assertTrue(html.contains("<h2>Tevredenheid door de tijd</h2>"));
    long bands = html.split("class=\"band\"", -1).length - 1;
    assertEquals(TestConfigs.defaults().journey().steps().size(), bands, "a trend with its interval per step");
  }

  /** Headings, labels and phrases of every section, in Dutch and in English, in the same order. */
  private static final List<String> DUTCH = List.of("klantsignalen per klantketenstap", "Rundatum",
      "Signalen: wat werd er slechter?", "Waar beginnen we? De top 3", "contactkosten", "(rang ", " doorgangen",
      "Prioriteit van alle stappen", "Kerncijfers per stap", "<th>Blijfintentie</th>", "Tevredenheid door de tijd",
      "Wat drijft de tevredenheid?", "sterk, belangrijk", "prestatie (gemiddelde score)",
      "Basisbehoeften en verrassers", "straf (laag box)", "Werken de drivers anders per segment?",
      "Kanaalsturing: mix nu tegen doel", "<th class=\"name\">Kanaal</th>", "<th class=\"name\">Belang</th>");
  private static final List<String> ENGLISH = List.of("customer signals per journey step", "Run date",
      "Alerts: what got worse?", "Where do we start? The top 3", "contact cost", "(rank ", " passes",
      "Priority of all steps", "Key figures per step", "<th>Retention intent</th>", "Satisfaction over time",
      "What drives satisfaction?", "strong, important", "performance (mean score)",
      "Basic needs and delighters", "penalty (bottom box)", "Do the drivers work differently per segment?",
      "Channel steering: mix now against target", "<th class=\"name\">Channel</th>",
      "<th class=\"name\">Importance</th>");

  @Test
  void everySectionSpeaksTheReportsLanguageOnly() {
    ReportData data = ReportLoader.load(SharedSpark.session(), new DeltaOutput(SampleRun.output().toString()),
        Optional.of(LocalDate.parse(SampleRun.RUN_DATE)));
    String english = RunReport.html(data, ReportLanguage.EN);
    String dutch = RunReport.html(data, ReportLanguage.NL);
    assertTrue(english.contains("<html lang=\"en\">"));
    assertTrue(dutch.contains("<html lang=\"nl\">"));
    assertEquals(html.replaceAll("run [0-9a-f-]{36}", ""), dutch.replaceAll("run [0-9a-f-]{36}", ""),
        "nl is the default");
    for (int i = 0; i < DUTCH.size(); i++) {
      assertTrue(dutch.contains(DUTCH.get(i)), "nl: " + DUTCH.get(i));
      assertFalse(dutch.contains(ENGLISH.get(i)), "nl has no " + ENGLISH.get(i));
      assertTrue(english.contains(ENGLISH.get(i)), "en: " + ENGLISH.get(i));
      // The alert sentences are kpi_alerts' own, written by the run in its report.language (nl here).
      String englishWithoutAlerts = english.replaceAll("(?s)<div class=\"alerts\">.*?</div>", "");
      assertFalse(englishWithoutAlerts.contains(DUTCH.get(i)), "en has no " + DUTCH.get(i));
    }
    for (var step : TestConfigs.defaults().journey().steps()) {
      assertTrue(english.contains("<h3>" + Html.escape(step.nameEn()) + "</h3>"), step.nameEn());
    }
    assertTrue(dutch.contains("<th>service_index</th>") && english.contains("<th>service_index</th>"),
        "the configured index in the KPI table");
    assertTrue(dutch.matches("(?s).*<td class=\"name\">[a-z_]+ [+-]\\d+,\\d \\(-?\\d+,\\d tot -?\\d+,\\d\\)</td>.*"),
        "a segment's difference in importance with its interval");
    assertTrue(english.matches(
        "(?s).*<td class=\"name\">[a-z_]+ [+-]\\d+\\.\\d \\(-?\\d+\\.\\d to -?\\d+\\.\\d\\)</td>.*"),
        "a segment's difference in importance with its interval");
  }

  @Test
  void theTopThreeExplanationReadsInDutch() {
    assertEquals("contactkosten €19k (rang 3 van 11); tevredenheid 5,0 tegen doel 7,5 (rang 1 van 11); "
        + "7,4k doorgangen (rang 10 van 11)", RunReport.dutchExplanation("contact cost €19k (rank 3 of 11); "
        + "satisfaction 5.0 vs target 7.5 (rank 1 of 11); 7.4k passes (rank 10 of 11)"));
    assertEquals("geen contacten; tevredenheid 8,0, 80% van de antwoorden buiten de top 2 (rang 3 van 3); "
        + "geen procesvolume; alleen gerangschikt op ervaring", RunReport.dutchExplanation("no contacts; "
        + "satisfaction 8.0, 80% of answers outside the top 2 (rank 3 of 3); no process volume; "
        + "ranked on experience only"));
    assertEquals("contactkosten €1,0k (rang 2 van 3); geen enquêtereacties; 9,0k doorgangen (rang 2 van 3); "
        + "alleen gerangschikt op euro's en impact", RunReport.dutchExplanation("contact cost €1.0k (rank 2 of 3); "
        + "no survey responses; 9.0k passes (rank 2 of 3); ranked on euros and impact only"));
  }

  @Test
  void isSelfContained() {
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from the network");
  }

  @Test
  void runWritesTheReportAndTheLatestRunIsTheDefault() throws Exception {
    // Tiny inputs: this is about where the report goes and which run it shows, not its figures.
    Path out = dir.resolve("out");
    var run = runOnTinyInputs(out);
    assertEquals(ExitCode.SUCCESS, run.code(), run.err());
    Path written = out.getParent().resolve("reports/signalchain-" + TinyInputs.RUN_DATE + ".html");
    assertTrue(run.out().contains("Report: file:" + written), run.out());
    assertTrue(run.summary().startsWith("{\"run_id\""), "the JSON summary stays the last line of stdout");
    assertTrue(run.summary().contains("\"report\":\"file:" + written + "\""), run.summary());
    assertEquals(List.of(written.getFileName().toString()), List.of(written.getParent().toFile().list()),
        "one file, nothing beside it");

    Path again = dir.resolve("again.html");
    var r = CliRunner.run("report", "--output", out.toString(), "--report-file", again.toString());
    assertEquals(ExitCode.SUCCESS, r.code(), r.err());
    assertEquals(Files.readString(written), Files.readString(again), "the latest run, by default");
    Path other = dir.resolve("other").resolve("out");
    assertEquals(ExitCode.SUCCESS, runOnTinyInputs(other).code());
    assertEquals(Files.readString(written).replaceAll("run [0-9a-f-]{36}", ""),
        Files.readString(other.getParent().resolve("reports/signalchain-" + TinyInputs.RUN_DATE + ".html"))
            .replaceAll("run [0-9a-f-]{36}", ""), "the same data gives the same page");
    var none = CliRunner.run("report", "--output", dir.resolve("empty").toString());
    assertEquals(ExitCode.INPUT_UNREADABLE, none.code());
    assertTrue(none.err().contains("No SUCCEEDED run"), none.err());
  }

  private static CliRunner.Result runOnTinyInputs(Path out) {
    List<String> args = new ArrayList<>(List.of("run", "--run-date", TinyInputs.RUN_DATE, "--output", out.toString(),
        "--report"));
    args.addAll(TinyInputs.cliArgs(TinyInputs.write(out.getParent().resolve("in"))));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void aReportThatCannotBeWrittenSaysTheTablesArePublished() {
    Path occupied = TestConfigs.write(dir.resolve("occupied"), "a file where the reports folder should be");
    var r = CliRunner.run("report", "--output", SampleRun.output().toString(), "--report-file",
        occupied.resolve("report.html").toString());
    assertEquals(ExitCode.UNEXPECTED, r.code());
    assertTrue(r.err().contains("The HTML report of the run for " + SampleRun.RUN_DATE + " cannot be written to"),
        r.err());
    assertTrue(r.err().contains("tables are published and need no rerun"), r.err());
    assertTrue(r.err().contains("signalchain report --run-date " + SampleRun.RUN_DATE), r.err());
  }

  /** Headless Chromium renders the page without console errors; the screenshot stays in target/. */
  @Test
  void rendersInARealBrowser() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(Files.isExecutable(chromium), "Chromium is not installed (.ci/run installs it)");
    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    Path log = dir.resolve("chromium.log");
    Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
        "--window-size=1400,2600", "--screenshot=" + screenshot, report.toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(browser.waitFor(2, TimeUnit.MINUTES), "chromium finished");
    String output = Files.readString(log);
    assertFalse(output.contains("CONSOLE") || output.contains("Uncaught"), "no console messages:\n" + output);
    assertTrue(Files.size(screenshot) > 50_000, "a screenshot with content: " + screenshot);
  }

  /** The segments marked as differing in the sample run's driver_segments reference. */
  private static long segmentsThatDiffer() throws Exception {
    var reference = RunReportTest.class.getResource("/reference/sample-run/driver_segments.csv");
    return Files.readAllLines(Path.of(reference.toURI())).stream().filter(l -> l.endsWith(",true")).count();
  }
}
