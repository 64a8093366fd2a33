package io.signalchain.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole configuration, immutable and validated once on load by {@link ConfigLoader}.
 *
 * @param source the file it was loaded from, for messages
 * @param inputs input name (survey_responses, contacts, process_volumes) to its location
 * @param outputPath the folder holding one Delta table per output
 * @param writeReport whether a run also writes its HTML report (beside the output folder)
 * @param reportPerTeam whether a run also writes one report per team, of the team's steps only
 * @param windowDays the analysis covers this many days ending on run_date
 * @param defaultRunDate yesterday, latest-data or an ISO date
 * @param maxRejectShare the share of rejected rows per input above which a run fails
 * @param channelMix the target channel mix per step
 * @param priority how steps are scored and ranked in step_priority
 * @param neededStepThresholds when step_priority asks whether a step is needed at all
 * @param contactReasonsTopN how many reasons per step the contact_reasons table keeps
 * @param bounds the plausibility bounds of numeric input fields
 * @param futureToleranceDays signals dated more than this many days after today (UTC) are rejected
 * @param retentionIntentScale the scale of the optional retention_intent survey answer
 * @param index the configured index of driver aspects ({@link IndexSettings#NONE} if none)
 * @param targetsPerStep per-step target satisfaction, beside the global {@code targetSatisfaction}
 * @param monitoring how kpi_trends and kpi_alerts follow the steps over time
 * @param reportLanguage the language of the report and of the alert sentences
 * @param actions how action_effects measures the optional improvement actions
 * @param privacy whether customer ids are pseudonymised in the tables that hold them
 * @param followUp how the follow-up worklist is drawn up (follow_ups, follow_up_stats)
 */
public record SignalchainConfig(
    String source,
    Journey journey,
    Map<String, InputSpec> inputs,
    String outputPath,
    boolean writeReport,
    boolean reportPerTeam,
    int windowDays,
    String defaultRunDate,
    Scale satisfactionScale,
    Scale effortScale,
    Scale driverScale,
    double targetSatisfaction,
    Map<String, Channel> channels,
    double maxRejectShare,
    DriverSettings drivers,
    ChannelMixSettings channelMix,
    PrioritySettings priority,
    NeededStepThresholds neededStepThresholds,
    int contactReasonsTopN,
    InputBounds bounds,
    int futureToleranceDays,
    Scale retentionIntentScale, IndexSettings index, Map<String, Double> targetsPerStep,
    MonitoringSettings monitoring, ReportLanguage reportLanguage,
    ActionSettings actions,
    PrivacySettings privacy,
    FollowUpSettings followUp) {

  public static final List<String> INPUT_NAMES = List.of("survey_responses", "contacts", "process_volumes");
  /** Inputs that may be left out of {@code inputs}: then the analysis that reads them is off. */
  public static final List<String> OPTIONAL_INPUT_NAMES = List.of("improvement_actions", "follow_up_outcomes");

  public SignalchainConfig {
    inputs = Map.copyOf(inputs);
    channels = Map.copyOf(channels);
    targetsPerStep = Map.copyOf(targetsPerStep);
  }

  /** The step's own target satisfaction ({@code targets.per_step}), else the global one. */
  public double targetSatisfaction(String stepId) {
    return targetsPerStep.getOrDefault(stepId, targetSatisfaction);
  }

  public InputSpec input(String name) {
    return inputs.get(name);
  }

  /** The required inputs, then the optional ones that are configured. */
  public List<String> inputNames() {
    return Stream.concat(INPUT_NAMES.stream(), OPTIONAL_INPUT_NAMES.stream().filter(inputs::containsKey)).toList();
  }
}
