package io.signalchain.teams;

/** What a row of team_scorecards is of: one step the team owns, or the team as a whole. */
public enum ScorecardRow {
  STEP("step"),
  TEAM("team");

  private final String key;

  ScorecardRow(String key) {
    this.key = key;
  }

  /** The value of team_scorecards.row_type. */
  public String key() {
    return key;
  }
}
