package io.signalchain.report;

import io.signalchain.errors.Errors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * The small, already aggregated rows one report shows, for one succeeded run. Tables a run did not
 * write (an older version of the job) are empty lists. {@code trends} are kpi_trends' rows, {@code
 * alerts} the kpi_alerts rows that are alerts; {@code asymmetry} holds driver_asymmetry, {@code
 * segments} driver_segments, {@code actions} action_effects, {@code scorecards} team_scorecards.
 * {@code team} is null for the whole journey, else the team whose steps alone the rows are of
 * ({@link #forTeam}).
 */
public record ReportData(String runId, String runDate, String windowStart, String windowEnd,
    Map<String, Row> steps, List<Row> kpis, List<Row> priority, List<Row> models, List<Row> importance,
    List<Row> channelMix, List<Row> trends, List<Row> alerts, List<Row> asymmetry, List<Row> segments,
    List<Row> actions, List<Row> scorecards, String team) {

  /** The English name of a step, or its id. */
  public String nameEn(String stepId) {
    Row step = steps.get(stepId);
    return step == null ? stepId : step.getAs("name_en");
  }

  /** The Dutch name of a step, or its id. */
  public String name(String stepId) {
    Row step = steps.get(stepId);
    return step == null ? stepId : step.getAs("name_nl");
  }

  public int level(String stepId) {
    Row step = steps.get(stepId);
    return step == null ? 0 : step.<Integer>getAs("level");
  }

  /** The teams that own steps in the run's journey (journey_steps.owner_team), sorted. */
  public List<String> teams() {
    return steps.values().stream().map(ReportData::owner).filter(Objects::nonNull).distinct().sorted().toList();
  }

  /**
   * The same run, of {@code team}'s steps only: every table's rows of those steps, and the team's
   * scorecard. An unknown team is a usage error that lists the teams.
   */
  public ReportData forTeam(String team) {
    if (!teams().contains(team)) {
      throw Errors.unknownTeam(team, teams());
    }
    Map<String, Row> owned = new LinkedHashMap<>();
    steps.forEach((id, row) -> {
      if (team.equals(owner(row))) {
        owned.put(id, row);
      }
    });
    return new ReportData(runId, runDate, windowStart, windowEnd, owned, ofSteps(kpis, owned), ofSteps(priority, owned),
        ofSteps(models, owned), ofSteps(importance, owned), ofSteps(channelMix, owned), ofSteps(trends, owned),
        ofSteps(alerts, owned), ofSteps(asymmetry, owned), ofSteps(segments, owned), ofSteps(actions, owned),
        scorecards.stream().filter(r -> team.equals(r.getAs("owner_team"))).toList(), team);
  }

  private static List<Row> ofSteps(List<Row> rows, Map<String, Row> steps) {
    return rows.stream().filter(r -> steps.containsKey(r.<String>getAs("step_id"))).toList();
  }

  /** A journey_steps row's owner_team; null in a run from before teams. */
  private static String owner(Row step) {
    return Arrays.asList(step.schema().fieldNames()).contains("owner_team") ? step.getAs("owner_team") : null;
  }
}
