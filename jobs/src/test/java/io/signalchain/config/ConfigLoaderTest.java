package io.signalchain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.errors.ExitCode;
import io.signalchain.errors.SignalchainException;
import io.signalchain.testing.CliRunner;
import io.signalchain.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void loadsTheDefaultConfiguration() {
    SignalchainConfig c = TestConfigs.defaults();
    assertEquals(20, c.journey().steps().size());
    assertEquals(11, c.journey().steps().stream().filter(JourneyStep::isTopLevel).count());
    assertEquals(6, c.journey().steps().stream().filter(s -> "become_customer".equals(s.parentId())).count());
    assertEquals("Ik word klant", c.journey().byId().get("become_customer").nameNl());
    // journey order: each parent followed by its sub-steps
    assertEquals("become_customer.orient", c.journey().steps().get(1).id());
    assertEquals(6.5, c.channels().get("phone").costPerContactEur());
    assertTrue(c.channels().get("app_web").selfService());
    assertEquals(new Scale(1, 10), c.satisfactionScale());
    assertEquals(90, c.windowDays());
    assertTrue(c.writeReport(), "the shipped configuration writes the HTML report");
    assertFalse(c.reportPerTeam(), "and no report per team");
    assertTrue(Path.of(c.input("contacts").path()).isAbsolute(), "relative paths resolve against the file");
    assertTrue(c.input("contacts").path().endsWith("data-samples/contacts.csv"));
  }

  @Test
  void loadsThePriorityAndChannelSettings() {
    SignalchainConfig c = TestConfigs.defaults();
    assertEquals(0.30, c.channelMix().defaultMix().get("phone"));
    assertEquals(7, c.channelMix().defaultMix().size());
    assertFalse(c.channelMix().selfServiceVolumes());
    // a step's own mix, else its parent's, else the default
    assertEquals("report_fault", c.channelMix().sourceFor("report_fault", null));
    assertEquals("pay", c.channelMix().sourceFor("pay.reminder", "pay"));
    assertEquals(ChannelMixSettings.DEFAULT, c.channelMix().sourceFor("move_house", null));
    assertEquals(0.35, c.channelMix().targetFor("pay.reminder", "pay").get("app_web"));
    assertEquals(new PrioritySettings(0.5, 0.4, 0.1, 3, ExperienceMeasure.GAP_TO_TARGET), c.priority());
    assertEquals(new NeededStepThresholds(200, 0.35), c.neededStepThresholds());
    assertEquals(10, c.contactReasonsTopN());
  }

  @Test
  void overridesAreAppliedAndValidated() {
    SignalchainConfig c = TestConfigs.defaults(Map.of("analysis.window_days", "30", "inputs.contacts.format",
        "parquet"));
    assertEquals(30, c.windowDays());
    assertEquals(InputFormat.PARQUET, c.input("contacts").format());
    var e = assertThrows(SignalchainException.class, () -> TestConfigs.defaults(Map.of("analysis.window_days", "0")));
    assertTrue(e.getMessage().contains("analysis.window_days"), e.getMessage());
  }

  @Test
  void inputFormatIsParsedOnceIntoItsEnumAndMultilineIsAnInputOption() {
    SignalchainConfig c = TestConfigs.defaults(Map.of("inputs.contacts.format", " Delta",
        "inputs.contacts.multiline", "false"));
    assertEquals(InputFormat.DELTA, c.input("contacts").format());
    assertFalse(c.input("contacts").multiline());
    assertEquals(InputFormat.CSV, c.input("survey_responses").format());
    assertTrue(c.input("survey_responses").multiline(), "quoted line breaks are read unless switched off");
    var format = assertThrows(SignalchainException.class,
        () -> TestConfigs.defaults(Map.of("inputs.contacts.format", "xlsx")));
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, format.exitCode());
    assertTrue(format.getMessage().contains("'inputs.contacts.format': expected csv, parquet or delta, found 'xlsx'"),
        format.getMessage());
    var multiline = assertThrows(SignalchainException.class,
        () -> TestConfigs.defaults(Map.of("inputs.contacts.multiline", "sometimes")));
    assertTrue(multiline.getMessage().contains("inputs.contacts.multiline"), multiline.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "window_days: 90|window_days: -3|signalchain.yaml|analysis.window_days|must be at least 1",
      "retention_intent: {min: 1, max: 10}|retention_intent: {min: 1, max: 1}|signalchain.yaml|scales.retention_intent|max must exceed min",
      "pay: 7.0|pay: 12|signalchain.yaml|targets.per_step.pay|within the satisfaction scale",
      "pay: 7.0|paying: 7.0|signalchain.yaml|targets.per_step.paying|unknown step",
      "{clarity: 0.4,|{clarity: 0,|signalchain.yaml|index.aspects.clarity|must be above 0",
      "name: service_index|name: Service Index|signalchain.yaml|index.name|not a valid index name",
      "periods: [week, month]|periods: [week, quarter]|signalchain.yaml|monitoring.periods|expected a list of week and/or month",
      "baseline_periods: 8|baseline_periods: 0|signalchain.yaml|monitoring.baseline_periods|between 1 and 104",
      "alert_fdr: 0.05|alert_fdr: 1|signalchain.yaml|monitoring.alert_fdr|in (0, 1)",
      "language: nl|language: de|signalchain.yaml|report.language|expected nl or en",
      "window_days: 90|window_dayz: 90|signalchain.yaml|analysis.window_dayz|unknown key",
      "format: csv}|format: xlsx}|signalchain.yaml|inputs.survey_responses.format|expected csv, parquet or delta",
      "report: true|report: yes please|signalchain.yaml|output.report|expected true or false",
      "report_per_team: false|report_per_team: sometimes|signalchain.yaml|output.report_per_team|expected true or false",
      "max_reject_share: 0.05|max_reject_share: 5|signalchain.yaml|quality.max_reject_share|between 0 and 1",
      "cost_per_contact_eur: 6.50|cost_per_contact_eur: -1|signalchain.yaml|channels.phone.cost_per_contact_eur|0 or more",
      "cost_per_contact_eur: 6.50|cost_per_contact_eur: cheap|signalchain.yaml|channels.phone.cost_per_contact_eur|expected a number",
      "satisfaction: 7.5|satisfaction: 11|signalchain.yaml|targets.satisfaction|within the satisfaction scale",
      "min_responses: 30|min_responses: 5|signalchain.yaml|drivers.min_responses|at least 10",
      "outcome: satisfaction|outcome: loyalty|signalchain.yaml|drivers.outcome|expected satisfaction, nps or effort",
      "max_shapley_drivers: 20|max_shapley_drivers: 27|signalchain.yaml|drivers.max_shapley_drivers|between 1 and 26",
      "replicates: 200|replicates: -1|signalchain.yaml|drivers.bootstrap.replicates|between 0 (no bootstrap) and 10000",
      "max_shapley_drivers: 14|max_shapley_drivers: 26|signalchain.yaml|drivers.bootstrap.max_shapley_drivers|between 0 and 25",
      "seed: 20261031|seed: 1.5|signalchain.yaml|drivers.bootstrap.seed|expected a whole number",
      "bottom_box_max: 5|bottom_box_max: 10|signalchain.yaml|drivers.asymmetry.bottom_box_max|within the driver scale",
      "top_box_min: 9|top_box_min: 4|signalchain.yaml|drivers.asymmetry.top_box_min|must be above bottom_box_max",
      "segments: true|segments: maybe|signalchain.yaml|drivers.segments|expected true or false",
      "replicates: 200|replicatez: 200|signalchain.yaml|drivers.bootstrap.replicatez|unknown key",
      "per_step: {}|per_step: {nowhere: [ease]}|signalchain.yaml|drivers.per_step.nowhere|unknown step",
      "journey: journey.yaml|journey: missing.yaml|missing.yaml|(top level)|cannot be read",
      "chat: 0.25, social: 0.05, store|chat: 0.20, social: 0.05, store|signalchain.yaml|channel_mix.default|the shares must sum to 1 (within 1e-6), they sum to 0.95",
      "letter: 0.05, app_web: 0.35|letter: 0.50, app_web: 0.35|signalchain.yaml|channel_mix.per_step.pay|they sum to 1.45",
      "{phone: 0.30,|{fax: 0.30,|signalchain.yaml|channel_mix.default.fax|unknown channel 'fax'; configured channels are phone, email",
      "report_fault:     {|report_faults:    {|signalchain.yaml|channel_mix.per_step.report_faults|unknown step 'report_faults'",
      "social: 0.05, store: 0.03|social: -0.05, store: 0.13|signalchain.yaml|channel_mix.default.social|between 0 and 1",
      "self_service_volumes: false|self_service_volumes: maybe|signalchain.yaml|channel_mix.self_service_volumes|expected true or false",
      "{experience: 0.5, euro: 0.4, impact: 0.1}|{experience: 0, euro: 0, impact: 0}|signalchain.yaml|priority.weights|all 0",
      "euro: 0.4,|euro: -0.4,|signalchain.yaml|priority.weights.euro|a weight must be 0 or more, found -0.4",
      "impact: 0.1}|impact: 0.1, effort: 1}|signalchain.yaml|priority.weights.effort|unknown key",
      "top_n: 3|top_n: 0|signalchain.yaml|priority.top_n|at least 1",
      "experience_measure: gap_to_target|experience_measure: nps|signalchain.yaml|priority.experience_measure|expected gap_to_target or not_top2_share",
      "complaint_rate: 0.35|complaint_rate: 35|signalchain.yaml|needed_step_thresholds.complaint_rate|between 0 and 1",
      "contacts_per_1000: 200|contacts_per_1000: -1|signalchain.yaml|needed_step_thresholds.contacts_per_1000|0 or more",
      "top_n: 10|top_n: 0|signalchain.yaml|contact_reasons.top_n|at least 1",
      "channel_mix:|channel_mixx:|signalchain.yaml|channel_mix|is required",
      "cost_per_contact_eur: 6.50|cost_per_contact_eur: .nan|signalchain.yaml|channels.phone.cost_per_contact_eur|no NaN or infinity",
      "cost_per_contact_eur: 6.50|cost_per_contact_eur: .inf|signalchain.yaml|channels.phone.cost_per_contact_eur|no NaN or infinity",
      "cost_per_contact_eur: 6.50|cost_per_contact_eur: 1e400|signalchain.yaml|channels.phone.cost_per_contact_eur|no NaN or infinity",
      "cost_per_contact_eur: 6.50|cost_per_contact_eur: 20000|signalchain.yaml|channels.phone.cost_per_contact_eur|must not exceed bounds.max_cost_eur (10000.0), found 20000.0",
      "max_reject_share: 0.05|max_reject_share: .NaN|signalchain.yaml|quality.max_reject_share|no NaN or infinity",
      "future_tolerance_days: 1|future_tolerance_days: -1|signalchain.yaml|quality.future_tolerance_days|between 0 and 366",
      "future_tolerance_days: 1|future_tolerance_days: 1.5|signalchain.yaml|quality.future_tolerance_days|expected a whole number",
      "max_cost_eur: 10000 |max_cost_eur: 0 |signalchain.yaml|bounds.max_cost_eur|must be above 0",
      "max_weight: 1000 |max_weight: -.inf |signalchain.yaml|bounds.max_weight|no NaN or infinity",
      "max_handling_seconds: 86400 |max_handling_seconds: lots |signalchain.yaml|bounds.max_handling_seconds|expected a number",
      "max_volume_per_day: 1000000000 |max_volume_per_day: 2.5 |signalchain.yaml|bounds.max_volume_per_day|must be a whole number",
      "max_volume_per_day: 1000000000 |max_volume_per_dag: 1 |signalchain.yaml|bounds.max_volume_per_dag|unknown key",
      "key_env: SIGNALCHAIN_PSEUDONYM_KEY|key_env: my key|signalchain.yaml|privacy.key_env|the name of an environment variable",
      "pseudonymise_customer_id: false|pseudonymise_customer_id: sometimes|signalchain.yaml|privacy.pseudonymise_customer_id|expected true or false",
  })
  void configurationErrorsNameFileKeyAndProblem(String find, String replace, String file, String key, String what)
      throws IOException {
    Path conf = copyDefaults(find, replace, "signalchain.yaml");
    var e = assertThrows(SignalchainException.class, () -> ConfigLoader.load(conf));
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, e.exitCode());
    assertTrue(e.getMessage().contains(file), e.getMessage());
    if (!key.equals("(top level)")) {
      assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }
    assertTrue(e.getMessage().contains(what), e.getMessage());
    assertFalse(e.remedy().isBlank());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", ".nan", "8d", "0x1p3", "1e", "1e999"})
  void overriddenNumbersMustBeFiniteAndPlain(String value) {
    var e = assertThrows(SignalchainException.class,
        () -> TestConfigs.defaults(Map.of("quality.max_reject_share", value)));
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, e.exitCode());
    assertTrue(e.getMessage().contains("signalchain.yaml at 'quality.max_reject_share': expected a number"),
        e.getMessage());
    assertTrue(e.getMessage().contains("found '" + value + "'"), e.getMessage());
  }

  @Test
  void aNanQualityGateStopsTheCommandWithExitCode2() {
    var r = CliRunner.run("validate", "--set", "quality.max_reject_share=NaN");
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, r.code(), r.err());
    assertTrue(r.err().contains("signalchain.yaml at 'quality.max_reject_share'"), r.err());
    assertTrue(r.err().contains("no NaN or infinity"), r.err());
  }

  @Test
  void boundsHaveDocumentedDefaultsAndCanBeSet() {
    SignalchainConfig defaults = TestConfigs.defaults();
    assertEquals(InputBounds.defaults(), defaults.bounds());
    assertEquals(new InputBounds(10_000, 1_000, 86_400, 1_000_000_000L), defaults.bounds());
    assertEquals(1, defaults.futureToleranceDays());
    SignalchainConfig set = TestConfigs.defaults(Map.of("bounds.max_cost_eur", "25000.5",
        "bounds.max_volume_per_day", "5e9", "quality.future_tolerance_days", "0"));
    assertEquals(new InputBounds(25_000.5, 1_000, 86_400, 5_000_000_000L), set.bounds());
    assertEquals(0, set.futureToleranceDays());
  }

  @Test
  void everyStepHasItsOwnOrItsParentsTeam() {
    Journey journey = TestConfigs.defaults().journey();
    assertEquals("billing", journey.byId().get("pay").owner());
    assertEquals("billing", journey.byId().get("pay.reminder").owner(), "inherited from pay");
    assertEquals("collections", journey.byId().get("pay.arrangement").owner(), "its own team");
    assertEquals(List.of("pay", "pay.direct_debit", "pay.reminder", "receive_invoice"),
        journey.stepsOf("billing").stream().sorted().toList());
    assertEquals(List.of("billing", "collections", "customer_service", "field_service", "onboarding", "product",
        "retention"), journey.teams());
  }

  @Test
  void aJourneyWithoutOwnersHasNoTeams() throws IOException {
    Path conf = copyDefaults("owner: ", "x_owner_removed: ", "journey.yaml");
    Files.writeString(dir.resolve("journey.yaml"),
        Files.readString(dir.resolve("journey.yaml")).replaceAll(", x_owner_removed: [a-z_]+", "")
            .replaceAll(", owner: [a-z_]+", ""));
    Journey journey = ConfigLoader.load(conf).journey();
    assertEquals(List.of(), journey.teams());
    assertEquals(null, journey.byId().get("pay.reminder").owner());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "id: use_product,|id: pay,|steps[9].id|duplicate step id 'pay'",
      "parent: pay,|parent: payy,|steps[10].parent|unknown step 'payy'",
      "parent: pay, name_nl: \"Ik krijg|parent: pay.direct_debit, name_nl: \"Ik krijg|steps[11].parent|is itself a sub-step",
      "order: 2,  name_nl: \"Ik gebruik|order: 1,  name_nl: \"Ik gebruik|steps[7].order|used twice",
      "id: use_product,|id: Use Product,|steps[7].id|not a valid step id",
      "id: use_product,|id: unclassified,|steps[7].id|reserved",
      "owner: product}|owner: Product Team}|steps[7].owner|not a valid team name",
  })
  void journeyErrorsNameFileKeyAndProblem(String find, String replace, String key, String what) throws IOException {
    Path conf = copyDefaults(find, replace, "journey.yaml");
    var e = assertThrows(SignalchainException.class, () -> ConfigLoader.load(conf));
    assertTrue(e.getMessage().contains("journey.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void invalidYamlIsAConfigurationError() throws IOException {
    Path conf = Files.writeString(dir.resolve("broken.yaml"), "inputs: [unclosed\n");
    var e = assertThrows(SignalchainException.class, () -> ConfigLoader.load(conf));
    assertEquals(ExitCode.USAGE_OR_CONFIGURATION, e.exitCode());
    assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());
  }

  /** Copies conf/ into the temp folder with one text replaced in one file; returns the main file. */
  private Path copyDefaults(String find, String replace, String inFile) throws IOException {
    Path source = TestConfigs.defaultConfFile().getParent();
    for (String name : new String[] {"signalchain.yaml", "journey.yaml"}) {
      String text = Files.readString(source.resolve(name));
      if (name.equals(inFile)) {
        assertTrue(text.contains(find), "test setup: '" + find + "' not in " + name);
        text = text.replaceFirst(Pattern.quote(find), Matcher.quoteReplacement(replace));
      }
      Files.writeString(dir.resolve(name), text);
    }
    return dir.resolve("signalchain.yaml");
  }
}
