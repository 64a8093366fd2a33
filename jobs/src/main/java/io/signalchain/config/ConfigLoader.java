package io.signalchain.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.signalchain.errors.Errors;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loads and validates the configuration once: {@code signalchain.yaml} and the journey file it
 * names. Every error names the file, the key and what is wrong. Overrides (from the command line)
 * are dotted keys applied to the YAML before validation, so they are validated like the file.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern STEP_ID = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
  /** A team name is also a file name (report per team) and a CLI argument. */
  private static final Pattern TEAM = Pattern.compile("[a-z0-9_-]+");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ConfigLoader() {}

  public static SignalchainConfig load(Path file) {
    return load(file, Map.of());
  }

  public static SignalchainConfig load(Path file, Map<String, String> overrides) {
    return load(file, overrides, System.getenv());
  }

  /**
   * With the process environment given: {@code environment} is where a secret named in the
   * configuration (the pseudonymisation key) is looked up.
   */
  public static SignalchainConfig load(Path file, Map<String, String> overrides, Map<String, String> environment) {
    Path base = file.toAbsolutePath().getParent();
    JsonNode tree = readYaml(file);
    for (var override : overrides.entrySet()) {
      set(tree, file.toString(), override.getKey(), override.getValue());
    }
    ConfigNode root = new ConfigNode(file.toString(), "", tree);

    Path journeyFile = base.resolve(root.requiredString("journey"));
    Journey journey = journey(journeyFile);

    Map<String, InputSpec> inputs = new LinkedHashMap<>();
    ConfigNode inputsNode = root.requiredChild("inputs");
    for (String name : SignalchainConfig.INPUT_NAMES) {
      inputs.put(name, input(base, inputsNode.requiredChild(name)));
    }
    for (String name : SignalchainConfig.OPTIONAL_INPUT_NAMES) {
      if (inputsNode.has(name)) {
        inputs.put(name, input(base, inputsNode.child(name)));
      }
    }
    inputsNode.rejectUnknownKeys();

    ConfigNode output = root.requiredChild("output");
    String outputPath = resolve(base, output.requiredString("path"));
    boolean writeReport = output.bool("report", false);
    boolean reportPerTeam = output.bool("report_per_team", false);
    output.rejectUnknownKeys();

    ConfigNode analysis = root.child("analysis");
    int windowDays = analysis.integer("window_days", 90);
    if (windowDays < 1) {
      throw analysis.fail("window_days", "must be at least 1, found " + windowDays);
    }
    String defaultRunDate = analysis.string("default_run_date", "yesterday");
    if (!defaultRunDate.equals("yesterday") && !defaultRunDate.equals("latest-data")) {
      try {
        LocalDate.parse(defaultRunDate);
      } catch (DateTimeParseException e) {
        throw analysis.fail("default_run_date", "expected yesterday, latest-data or YYYY-MM-DD, found '"
            + defaultRunDate + "'");
      }
    }
    analysis.rejectUnknownKeys();

    ConfigNode scales = root.child("scales");
    Scale satisfaction = scale(scales, "satisfaction", 1, 10);
    Scale effort = scale(scales, "effort", 1, 7);
    Scale driver = scale(scales, "driver", 1, 10);
    Scale retentionIntent = scale(scales, "retention_intent", 1, 10);
    scales.rejectUnknownKeys();

    ConfigNode targets = root.child("targets");
    double target = targets.number("satisfaction", satisfaction.min()
        + 0.75 * (satisfaction.max() - satisfaction.min()));
    if (!satisfaction.contains(target)) {
      throw targets.fail("satisfaction", "must lie within the satisfaction scale " + satisfaction.min() + "–"
          + satisfaction.max() + ", found " + target);
    }
    Map<String, Double> targetsPerStep = targetsPerStep(targets.child("per_step"), journey, satisfaction);
    targets.rejectUnknownKeys();

    InputBounds bounds = bounds(root.child("bounds"));
    Map<String, Channel> channels = channels(root.requiredChild("channels"), bounds);

    ConfigNode quality = root.child("quality");
    double maxRejectShare = quality.number("max_reject_share", 0.05);
    if (maxRejectShare < 0 || maxRejectShare > 1) {
      throw quality.fail("max_reject_share", "must be a share between 0 and 1, found " + maxRejectShare);
    }
    int futureToleranceDays = quality.integer("future_tolerance_days", 1, 0, 366, "days");
    quality.rejectUnknownKeys();

    DriverSettings drivers = drivers(root.child("drivers"), journey, driver);
    ChannelMixSettings channelMix = channelMix(root.requiredChild("channel_mix"), journey, channels);
    PrioritySettings priority = priority(root.child("priority"));
    NeededStepThresholds needed = neededStepThresholds(root.child("needed_step_thresholds"));
    ConfigNode reasons = root.child("contact_reasons");
    int reasonsTopN = reasons.integer("top_n", 10);
    if (reasonsTopN < 1) {
      throw reasons.fail("top_n", "must be at least 1, found " + reasonsTopN);
    }
    reasons.rejectUnknownKeys();
    IndexSettings index = index(root, driver);
    MonitoringSettings monitoring = monitoring(root.child("monitoring"));
    ConfigNode report = root.child("report");
    String languageKey = report.string("language", ReportLanguage.NL.key());
    ReportLanguage language = ReportLanguage.fromKey(languageKey);
    if (language == null) {
      throw report.fail("language", "expected nl or en, found '" + languageKey + "'");
    }
    report.rejectUnknownKeys();
    ActionSettings actions = actions(root.child("actions"));
    PrivacySettings privacy = privacy(root.child("privacy"), environment);
    FollowUpSettings followUp = followUp(root.child("follow_up"), satisfaction, effort);
    root.rejectUnknownKeys();

    return new SignalchainConfig(file.toString(), journey, inputs, outputPath, writeReport, reportPerTeam, windowDays,
        defaultRunDate,
        satisfaction, effort, driver, target, channels, maxRejectShare, drivers, channelMix, priority, needed,
        reasonsTopN, bounds, futureToleranceDays, retentionIntent, index, targetsPerStep, monitoring, language,
        actions, privacy, followUp);
  }

  /** The key is read here, on load: a missing key stops the run before anything is read or written. */
  private static PrivacySettings privacy(ConfigNode node, Map<String, String> environment) {
    boolean pseudonymise = node.bool("pseudonymise_customer_id", false);
    String keyEnv = node.string("key_env", PrivacySettings.DEFAULT_KEY_ENV);
    if (!ENV_NAME.matcher(keyEnv).matches()) {
      throw node.fail("key_env", "expected the name of an environment variable (letters, digits, _), found '"
          + keyEnv + "'");
    }
    node.rejectUnknownKeys();
    if (!pseudonymise) {
      return new PrivacySettings(false, keyEnv, null);
    }
    String key = environment.get(keyEnv);
    if (key == null || key.isEmpty()) {
      throw Errors.pseudonymKeyMissing(node.file(), node.key("pseudonymise_customer_id"), keyEnv);
    }
    return new PrivacySettings(true, keyEnv, key);
  }

  private static InputSpec input(Path base, ConfigNode input) {
    String formatName = input.string("format", InputFormat.CSV.id());
    InputFormat format = InputFormat.fromId(formatName).orElseThrow(() -> input.fail("format",
        "expected " + InputFormat.choices() + ", found '" + formatName + "'"));
    boolean multiline = input.bool("multiline", InputSpec.DEFAULT_MULTILINE);
    InputSpec spec = new InputSpec(resolve(base, input.requiredString("path")), format, multiline);
    input.rejectUnknownKeys();
    return spec;
  }

  private static ActionSettings actions(ConfigNode node) {
    var defaults = ActionSettings.DEFAULT;
    int preWeeks = node.integer("pre_weeks", defaults.preWeeks(), 1, 104, "weeks");
    int postWeeks = node.integer("post_weeks", defaults.postWeeks(), 1, 104, "weeks");
    int lagDays = node.integer("lag_days", defaults.lagDays(), 0, 365, "days");
    int minResponses = node.integer("min_responses", defaults.minResponses());
    if (minResponses < 2) {
      throw node.fail("min_responses", "must be at least 2, found " + minResponses);
    }
    node.rejectUnknownKeys();
    return new ActionSettings(preWeeks, postWeeks, lagDays, minResponses);
  }

  private static FollowUpSettings followUp(ConfigNode node, Scale satisfaction, Scale effort) {
    var defaults = FollowUpSettings.defaults(satisfaction, effort);
    int lookbackDays = node.integer("lookback_days", defaults.lookbackDays(), 1, 366, "days");
    int cooldownDays = node.integer("cooldown_days", defaults.cooldownDays(), 0, 366, "days");
    int repeatDays = node.integer("repeat_days", defaults.repeatDays());
    if (repeatDays < 0 || repeatDays > 366) {
      throw node.fail("repeat_days", "must be between 0 and 366 days (0: no repeat contacts), found " + repeatDays);
    }
    double satisfactionAtMost = node.number("satisfaction_at_most", defaults.satisfactionAtMost());
    if (!satisfaction.contains(satisfactionAtMost)) {
      throw node.fail("satisfaction_at_most", "must lie within the satisfaction scale " + satisfaction.min() + "–"
          + satisfaction.max() + ", found " + satisfactionAtMost);
    }
    double effortAtLeast = node.number("effort_at_least", defaults.effortAtLeast());
    if (!effort.contains(effortAtLeast)) {
      throw node.fail("effort_at_least", "must lie within the effort scale " + effort.min() + "–" + effort.max()
          + ", found " + effortAtLeast);
    }
    Map<FollowUpReason, Integer> points = new EnumMap<>(defaults.points());
    ConfigNode pointsNode = node.child("points");
    for (FollowUpReason reason : FollowUpReason.values()) {
      int p = pointsNode.integer(reason.key(), reason.defaultPoints());
      if (p < 0 || p > 100) {
        throw pointsNode.fail(reason.key(), "must be between 0 and 100 points, found " + p);
      }
      points.put(reason, p);
    }
    pointsNode.rejectUnknownKeys();
    NavigableMap<Integer, Integer> dueDays = defaults.dueDays();
    if (node.has("due_days")) {
      ConfigNode due = node.child("due_days");
      dueDays = new TreeMap<>();
      for (String key : due.keys()) {
        int priority;
        try {
          priority = Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
          throw due.fail(key, "expected a priority (a whole number ≥ 0) as key, found '" + key + "'");
        }
        int days = due.integer(key, null);
        if (priority < 0 || days < 0 || days > 366) {
          throw due.fail(key, "expected priority ≥ 0 and 0–366 days, found " + priority + ": " + days);
        }
        dueDays.put(priority, days);
      }
      if (!dueDays.containsKey(0)) {
        throw node.fail("due_days", "needs a key 0 (the days for the lowest priorities), found " + dueDays.keySet());
      }
      due.rejectUnknownKeys();
    }
    node.rejectUnknownKeys();
    return new FollowUpSettings(lookbackDays, cooldownDays, repeatDays, satisfactionAtMost, effortAtLeast, points,
        dueDays);
  }

  private static Map<String, Double> targetsPerStep(ConfigNode node, Journey journey, Scale satisfaction) {
    Map<String, Double> targets = new LinkedHashMap<>();
    for (String stepId : node.keys()) {
      if (journey.step(stepId).isEmpty()) {
        throw node.fail(stepId, "unknown step '" + stepId + "'; it is not in the journey");
      }
      double target = node.number(stepId, null);
      if (!satisfaction.contains(target)) {
        throw node.fail(stepId, "must lie within the satisfaction scale " + satisfaction.min() + "–"
            + satisfaction.max() + ", found " + target);
      }
      targets.put(stepId, target);
    }
    node.rejectUnknownKeys();
    return targets;
  }

  private static IndexSettings index(ConfigNode root, Scale driverScale) {
    if (!root.has("index")) {
      root.child("index");
      return IndexSettings.NONE;
    }
    ConfigNode node = root.child("index");
    String name = node.requiredString("name");
    if (!NAME.matcher(name).matches()) {
      throw node.fail("name", "'" + name + "' is not a valid index name: use lower case letters, digits and _");
    }
    ConfigNode aspectsNode = node.requiredChild("aspects");
    Map<String, Double> aspects = new LinkedHashMap<>();
    for (String aspect : aspectsNode.keys()) {
      if (!NAME.matcher(aspect).matches()) {
        throw aspectsNode.fail(aspect, "'" + aspect + "' is not a driver name (the part after driver_)");
      }
      double weight = aspectsNode.number(aspect, null);
      if (weight <= 0) {
        throw aspectsNode.fail(aspect, "an aspect's weight must be above 0, found " + weight);
      }
      aspects.put(aspect, weight);
    }
    if (aspects.isEmpty()) {
      throw node.fail("aspects", "name at least one driver aspect with its weight, e.g. {clarity: 0.5, speed: 0.5}");
    }
    aspectsNode.rejectUnknownKeys();
    node.rejectUnknownKeys();
    return new IndexSettings(name, aspects);
  }

  private static MonitoringSettings monitoring(ConfigNode node) {
    List<TrendPeriod> periods = new ArrayList<>();
    List<String> keys = node.strings("periods");
    if (keys.isEmpty()) {
      keys = List.of(TrendPeriod.WEEK.key(), TrendPeriod.MONTH.key());
    }
    for (String key : keys) {
      TrendPeriod period = TrendPeriod.fromKey(key);
      if (period == null) {
        throw node.fail("periods", "expected a list of week and/or month, found '" + key + "'");
      }
      if (!periods.contains(period)) {
        periods.add(period);
      }
    }
    int baseline = node.integer("baseline_periods", 8, 1, 104, "");
    double fdr = node.number("alert_fdr", 0.05);
    if (fdr <= 0 || fdr >= 1) {
      throw node.fail("alert_fdr", "must be a false discovery rate in (0, 1), found " + fdr);
    }
    int minResponses = node.integer("min_responses", 30);
    if (minResponses < 2) {
      throw node.fail("min_responses", "must be at least 2, found " + minResponses);
    }
    node.rejectUnknownKeys();
    return new MonitoringSettings(periods, baseline, fdr, minResponses);
  }

  private static InputBounds bounds(ConfigNode node) {
    InputBounds d = InputBounds.defaults();
    double cost = bound(node, "max_cost_eur", d.maxCostEur());
    double weight = bound(node, "max_weight", d.maxWeight());
    double handling = bound(node, "max_handling_seconds", d.maxHandlingSeconds());
    double volume = bound(node, "max_volume_per_day", (double) d.maxVolumePerDay());
    // 1e12 keeps a sum of volumes far from the long range (see InputContracts) and is exact in a double.
    if (volume != Math.rint(volume) || volume > 1e12) {
      throw node.fail("max_volume_per_day", "must be a whole number of at most 1e12, found " + volume);
    }
    node.rejectUnknownKeys();
    return new InputBounds(cost, weight, handling, (long) volume);
  }

  private static double bound(ConfigNode node, String name, double fallback) {
    double bound = node.number(name, fallback);
    if (bound <= 0 || bound > 1e12) {
      throw node.fail(name, "must be above 0 and at most 1e12 (a plausibility bound), found " + bound);
    }
    return bound;
  }

  private static JsonNode readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw Errors.configUnreadable(file.toString(), new IOException("no such file"));
    }
    try {
      JsonNode tree = YAML.readTree(file.toFile());
      return tree == null || tree.isMissingNode() ? YAML.createObjectNode() : tree;
    } catch (StreamReadException e) {
      // YAML's .nan and .inf fail in the parser itself: name the key like every other bad number.
      String malformed = "Malformed numeric value '";
      String message = e.getOriginalMessage();
      if (message != null && message.startsWith(malformed) && e.getProcessor() != null) {
        String found = message.substring(malformed.length(), message.lastIndexOf('\''));
        throw Errors.config(file.toString(), keyPath(e.getProcessor().getParsingContext()),
            ConfigNode.notANumber(found));
      }
      throw Errors.configUnreadable(file.toString(), e);
    } catch (IOException e) {
      throw Errors.configUnreadable(file.toString(), e);
    }
  }

  /** The dotted key (with [i] for list items) the parser is at. */
  private static String keyPath(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      }
    }
    return String.join(".", parts).replace(".[", "[");
  }

  /** Applies one dotted-key override, e.g. {@code inputs.contacts.path=/data/c.csv}. */
  private static void set(JsonNode tree, String file, String dottedKey, String value) {
    if (!(tree instanceof ObjectNode)) {
      throw Errors.config(file, "(top level)", "expected a mapping of keys to values");
    }
    String[] parts = dottedKey.split("\\.");
    ObjectNode node = (ObjectNode) tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      if (!(next instanceof ObjectNode)) {
        next = node.putObject(parts[i]);
      }
      node = (ObjectNode) next;
    }
    node.put(parts[parts.length - 1], value);
  }

  private static String resolve(Path base, String path) {
    boolean hasScheme = path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !path.matches("^[a-zA-Z]:\\\\.*");
    return hasScheme || Path.of(path).isAbsolute() ? path : base.resolve(path).normalize().toString();
  }

  private static Scale scale(ConfigNode scales, String name, double min, double max) {
    ConfigNode node = scales.child(name);
    Scale scale = new Scale(node.number("min", min), node.number("max", max));
    if (scale.max() - scale.min() < 1) {
      throw scales.fail(name, "max must exceed min by at least 1 (two scale points), found "
          + scale.min() + "–" + scale.max());
    }
    node.rejectUnknownKeys();
    return scale;
  }

  static Journey journey(Path file) {
    ConfigNode root = new ConfigNode(file.toString(), "", readYaml(file));
    List<ConfigNode> nodes = root.list("steps");
    if (nodes.isEmpty()) {
      throw root.fail("steps", "the journey needs at least one step");
    }
    Map<String, ConfigNode> byId = new LinkedHashMap<>();
    Map<String, String> parents = new HashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (ConfigNode node : nodes) {
      String id = node.requiredString("id");
      if (!STEP_ID.matcher(id).matches()) {
        throw node.fail("id", "'" + id + "' is not a valid step id: use lower case letters, digits, _ and .");
      }
      if (id.equals("unclassified")) {
        throw node.fail("id", "'unclassified' is reserved for contacts without a step");
      }
      if (byId.put(id, node) != null) {
        throw node.fail("id", "duplicate step id '" + id + "'");
      }
      parents.put(id, node.string("parent", null));
      String owner = node.string("owner", null);
      if (owner != null && !TEAM.matcher(owner).matches()) {
        throw node.fail("owner", "'" + owner + "' is not a valid team name: use lower case letters, digits, _ and -");
      }
      owners.put(id, owner);
    }
    List<JourneyStep> steps = new ArrayList<>();
    Set<String> orders = new HashSet<>();
    for (var entry : byId.entrySet()) {
      ConfigNode node = entry.getValue();
      String parent = parents.get(entry.getKey());
      if (parent != null && !byId.containsKey(parent)) {
        throw node.fail("parent", "unknown step '" + parent + "'");
      }
      if (parent != null && parents.get(parent) != null) {
        throw node.fail("parent", "'" + parent + "' is itself a sub-step; the journey has two levels");
      }
      int order = node.integer("order", null);
      if (!orders.add(parent + "/" + order)) {
        throw node.fail("order", "order " + order + " is used twice among the steps of "
            + (parent == null ? "the top level" : "'" + parent + "'"));
      }
      // A sub-step without an owner of its own belongs to its parent's team.
      String owner = owners.get(entry.getKey());
      if (owner == null && parent != null) {
        owner = owners.get(parent);
      }
      steps.add(new JourneyStep(entry.getKey(), parent, parent == null ? 1 : 2, order,
          node.requiredString("name_nl"), node.requiredString("name_en"), owner));
      node.rejectUnknownKeys();
    }
    root.rejectUnknownKeys();
    return new Journey(inJourneyOrder(steps));
  }

  /** Top-level steps by order, each followed by its sub-steps by order. */
  private static List<JourneyStep> inJourneyOrder(List<JourneyStep> steps) {
    List<JourneyStep> ordered = new ArrayList<>();
    steps.stream().filter(JourneyStep::isTopLevel)
        .sorted((a, b) -> Integer.compare(a.order(), b.order()))
        .forEach(top -> {
          ordered.add(top);
          steps.stream().filter(s -> top.id().equals(s.parentId()))
              .sorted((a, b) -> Integer.compare(a.order(), b.order()))
              .forEach(ordered::add);
        });
    return ordered;
  }

  private static Map<String, Channel> channels(ConfigNode node, InputBounds bounds) {
    Map<String, Channel> channels = new LinkedHashMap<>();
    for (String id : node.keys()) {
      if (!NAME.matcher(id).matches()) {
        throw node.fail(id, "'" + id + "' is not a valid channel id: use lower case letters, digits and _");
      }
      ConfigNode channel = node.child(id);
      double cost = channel.number("cost_per_contact_eur", null);
      if (cost < 0) {
        throw channel.fail("cost_per_contact_eur", "must be 0 or more, found " + cost);
      }
      if (cost > bounds.maxCostEur()) {
        throw channel.fail("cost_per_contact_eur", "must not exceed " + InputBounds.MAX_COST_EUR + " ("
            + bounds.maxCostEur() + "), found " + cost);
      }
      channels.put(id, new Channel(id, cost, channel.string("name_nl", id), channel.bool("self_service", false)));
      channel.rejectUnknownKeys();
    }
    if (channels.isEmpty()) {
      throw Errors.config(node.file(), "channels", "configure at least one channel");
    }
    return channels;
  }

  private static DriverSettings drivers(ConfigNode node, Journey journey, Scale driverScale) {
    String outcomeKey = node.string("outcome", DriverOutcome.SATISFACTION.column());
    DriverOutcome outcome = DriverOutcome.fromColumn(outcomeKey);
    if (outcome == null) {
      throw node.fail("outcome", "expected satisfaction, nps or effort, found '" + outcomeKey + "'");
    }
    int minResponses = node.integer("min_responses", 30);
    if (minResponses < 10) {
      throw node.fail("min_responses", "must be at least 10, found " + minResponses);
    }
    double minAnswerShare = node.number("min_answer_share", 0.5);
    if (minAnswerShare <= 0 || minAnswerShare > 1) {
      throw node.fail("min_answer_share", "must be a share in (0, 1], found " + minAnswerShare);
    }
    int maxShapley = node.integer("max_shapley_drivers", 20);
    if (maxShapley < 1 || maxShapley > DriverSettings.MAX_EXACT_SHAPLEY_DRIVERS) {
      throw node.fail("max_shapley_drivers", "must be between 1 and " + DriverSettings.MAX_EXACT_SHAPLEY_DRIVERS
          + " (2^k subset R² values are kept in memory), found " + maxShapley);
    }
    ConfigNode perStepNode = node.child("per_step");
    Map<String, List<String>> perStep = new LinkedHashMap<>();
    for (String stepId : perStepNode.keys()) {
      if (journey.step(stepId).isEmpty()) {
        throw perStepNode.fail(stepId, "unknown step '" + stepId + "'; it is not in the journey");
      }
      List<String> names = perStepNode.strings(stepId);
      for (String name : names) {
        if (!NAME.matcher(name).matches()) {
          throw perStepNode.fail(stepId, "'" + name + "' is not a driver name (the part after driver_)");
        }
      }
      perStep.put(stepId, names);
    }
    perStepNode.rejectUnknownKeys();
    DriverSettings.Bootstrap bootstrap = bootstrap(node.child("bootstrap"));
    DriverSettings.Asymmetry asymmetry = asymmetry(node.child("asymmetry"), driverScale);
    boolean segments = node.bool("segments", false);
    node.rejectUnknownKeys();
    return new DriverSettings(outcome, minResponses, minAnswerShare, maxShapley, perStep, bootstrap, asymmetry,
        segments);
  }

  private static DriverSettings.Asymmetry asymmetry(ConfigNode node, Scale scale) {
    var defaults = DriverSettings.Asymmetry.DEFAULT;
    double bottom = node.number("bottom_box_max", defaults.bottomBoxMax());
    double top = node.number("top_box_min", defaults.topBoxMin());
    if (bottom < scale.min() || bottom >= scale.max()) {
      throw node.fail("bottom_box_max", "must lie within the driver scale and below its top (" + scale.min() + "–"
          + scale.max() + "), found " + bottom);
    }
    if (top <= bottom || top > scale.max()) {
      throw node.fail("top_box_min", "must be above bottom_box_max (" + bottom
          + ") and at most the driver scale's top (" + scale.max() + "), found " + top);
    }
    node.rejectUnknownKeys();
    return new DriverSettings.Asymmetry(bottom, top);
  }

  private static DriverSettings.Bootstrap bootstrap(ConfigNode node) {
    var defaults = DriverSettings.Bootstrap.DEFAULT;
    int replicates = node.integer("replicates", defaults.replicates());
    if (replicates < 0 || replicates > DriverSettings.Bootstrap.MAX_REPLICATES) {
      throw node.fail("replicates", "must be between 0 (no bootstrap) and " + DriverSettings.Bootstrap.MAX_REPLICATES
          + ", found " + replicates);
    }
    int maxShapley = node.integer("max_shapley_drivers", defaults.maxShapleyDrivers());
    if (maxShapley < 0 || maxShapley >= DriverSettings.MAX_EXACT_SHAPLEY_DRIVERS) {
      throw node.fail("max_shapley_drivers", "must be between 0 and " + (DriverSettings.MAX_EXACT_SHAPLEY_DRIVERS - 1)
          + " (each replicate fits 2^(k+1) subsets), found " + maxShapley);
    }
    int seed = node.integer("seed", (int) defaults.seed());
    node.rejectUnknownKeys();
    return new DriverSettings.Bootstrap(replicates, maxShapley, seed);
  }

  private static ChannelMixSettings channelMix(ConfigNode node, Journey journey, Map<String, Channel> channels) {
    node.require(ChannelMixSettings.DEFAULT);
    Map<String, Double> defaultMix = mix(node, ChannelMixSettings.DEFAULT, channels);
    ConfigNode perStepNode = node.child("per_step");
    Map<String, Map<String, Double>> perStep = new LinkedHashMap<>();
    for (String stepId : perStepNode.keys()) {
      if (journey.step(stepId).isEmpty()) {
        throw perStepNode.fail(stepId, "unknown step '" + stepId + "'; it is not in the journey");
      }
      perStep.put(stepId, mix(perStepNode, stepId, channels));
    }
    perStepNode.rejectUnknownKeys();
    boolean selfServiceVolumes = node.bool("self_service_volumes", false);
    node.rejectUnknownKeys();
    return new ChannelMixSettings(defaultMix, perStep, selfServiceVolumes);
  }

  /** One target mix {channel: share}: known channels, shares in [0, 1] summing to 1. */
  private static Map<String, Double> mix(ConfigNode parent, String name, Map<String, Channel> channels) {
    ConfigNode node = parent.child(name);
    Map<String, Double> mix = new LinkedHashMap<>();
    double sum = 0;
    for (String channel : node.keys()) {
      if (!channels.containsKey(channel)) {
        throw node.fail(channel, "unknown channel '" + channel + "'; configured channels are "
            + String.join(", ", channels.keySet()));
      }
      double share = node.number(channel, null);
      if (share < 0 || share > 1) {
        throw node.fail(channel, "a share must lie between 0 and 1, found " + share);
      }
      mix.put(channel, share);
      sum += share;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw parent.fail(name, String.format(Locale.ROOT,
          "the shares must sum to 1 (within 1e-6), they sum to %s", BigDecimal.valueOf(sum).round(new MathContext(10))
              .stripTrailingZeros().toPlainString()));
    }
    node.rejectUnknownKeys();
    return mix;
  }

  private static PrioritySettings priority(ConfigNode node) {
    ConfigNode weights = node.child("weights");
    double experience = weight(weights, "experience", 0.5);
    double euro = weight(weights, "euro", 0.4);
    double impact = weight(weights, "impact", 0.1);
    if (experience + euro + impact == 0) {
      throw node.fail("weights", "the weights experience, euro and impact are all 0; give at least one a "
          + "positive weight");
    }
    weights.rejectUnknownKeys();
    int topN = node.integer("top_n", 3);
    if (topN < 1) {
      throw node.fail("top_n", "must be at least 1, found " + topN);
    }
    String measureKey = node.string("experience_measure", ExperienceMeasure.GAP_TO_TARGET.key());
    ExperienceMeasure measure = ExperienceMeasure.fromKey(measureKey);
    if (measure == null) {
      throw node.fail("experience_measure", "expected gap_to_target or not_top2_share, found '" + measureKey + "'");
    }
    node.rejectUnknownKeys();
    return new PrioritySettings(experience, euro, impact, topN, measure);
  }

  private static double weight(ConfigNode weights, String name, double fallback) {
    double weight = weights.number(name, fallback);
    if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
      throw weights.fail(name, "a weight must be 0 or more, found " + weight);
    }
    return weight;
  }

  private static NeededStepThresholds neededStepThresholds(ConfigNode node) {
    double contactsPer1000 = node.number("contacts_per_1000", 200.0);
    if (contactsPer1000 < 0) {
      throw node.fail("contacts_per_1000", "must be 0 or more, found " + contactsPer1000);
    }
    double complaintRate = node.number("complaint_rate", 0.35);
    if (complaintRate < 0 || complaintRate > 1) {
      throw node.fail("complaint_rate", "must be a share between 0 and 1, found " + complaintRate);
    }
    node.rejectUnknownKeys();
    return new NeededStepThresholds(contactsPer1000, complaintRate);
  }
}
