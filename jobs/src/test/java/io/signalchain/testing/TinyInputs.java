package io.signalchain.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Three tiny CSV inputs (October 2026: 40 survey responses, 20 contacts, 20 process volumes, one
 * broken row each) for tests of the run's behaviour rather than its statistics: a run on them
 * takes seconds, not the sample's minute.
 */
public final class TinyInputs {
  public static final String RUN_DATE = "2026-10-31";
  public static final int SURVEY_ROWS = 41;
  public static final int CONTACT_ROWS = 21;
  public static final int VOLUME_ROWS = 21;

  private TinyInputs() {}

  /** Writes the inputs under {@code dir}; returns the configuration overrides that point at them. */
  public static Map<String, String> write(Path dir) {
    StringBuilder surveys = new StringBuilder(
        "response_id,customer_id,step_id,channel,responded_at,satisfaction,nps,effort,weight,segment,"
            + "driver_ease,driver_speed\n");
    for (int i = 1; i <= SURVEY_ROWS - 1; i++) {
      int ease = 1 + i % 10;
      int speed = 1 + (i * 7) % 10;
      surveys.append(String.format(Locale.ROOT, "R%03d,K%03d,%s,phone,2026-10-%02dT10:00:00,%d,%d,,1,consumer,%d,%d%n",
          i, i, i % 2 == 0 ? "pay" : "report_fault", 1 + i % 28, Math.max(1, Math.min(10, (ease + speed) / 2)),
          i % 11, ease, speed));
    }
    surveys.append("R999,K999,pay,phone,2026-10-05T10:00:00,not-a-number,,,1,consumer,5,5\n");
    StringBuilder contacts = new StringBuilder(
        "contact_id,customer_id,contacted_at,channel,step_id,contact_type,reason,handling_seconds,cost_eur\n");
    for (int i = 1; i <= CONTACT_ROWS - 1; i++) {
      contacts.append(String.format(Locale.ROOT, "C%03d,K%03d,2026-10-%02dT09:00:00,%s,%s,%s,reason %d,120,%n", i, i,
          1 + i % 28, i % 3 == 0 ? "email" : "phone", i % 2 == 0 ? "pay" : "report_fault",
          i % 4 == 0 ? "complaint" : "question", i % 3));
    }
    contacts.append("C999,K999,2026-10-05T09:00:00,fax,pay,question,reason 1,120,\n");
    StringBuilder volumes = new StringBuilder("step_id,date,channel,volume\n");
    for (int i = 1; i <= VOLUME_ROWS - 1; i++) {
      volumes.append(String.format(Locale.ROOT, "%s,2026-10-%02d,app_web,%d%n", i % 2 == 0 ? "pay" : "report_fault",
          i, 100 * i));
    }
    volumes.append("pay,2026-10-05,app_web,-1\n");
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("inputs.survey_responses.path", TestConfigs.write(dir.resolve("survey_responses.csv"),
        surveys.toString()).toString());
    overrides.put("inputs.contacts.path",
        TestConfigs.write(dir.resolve("contacts.csv"), contacts.toString()).toString());
    overrides.put("inputs.process_volumes.path",
        TestConfigs.write(dir.resolve("process_volumes.csv"), volumes.toString()).toString());
    overrides.put("output.report", "false");
    return overrides;
  }

  /** The same overrides as command-line arguments ({@code --set KEY=VALUE …}). */
  public static List<String> cliArgs(Map<String, String> overrides) {
    List<String> args = new ArrayList<>();
    overrides.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args;
  }
}
