package io.signalchain.journey;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.Journey;
import io.signalchain.config.JourneyStep;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Puts signals on the journey: every signal counts for its own step and, for a sub-step, also
 * for its parent, so parents are analysed over all their sub-steps' signals. The step a signal
 * counts for is its analysis {@link #UNIT} (named step_id in the outputs).
 */
public final class JourneyConformance {
  public static final String UNIT = "unit_id";
  /** The pseudo-step of contacts that were not classified to a step. */
  public static final String UNCLASSIFIED = "unclassified";

  private JourneyConformance() {}

  /** One row per signal and unit it counts for; signals without a step go to {@link #UNCLASSIFIED}. */
  public static Dataset<Row> toUnits(Dataset<Row> signals, Journey journey) {
    Column step = coalesce(col("step_id"), lit(UNCLASSIFIED));
    Column parent = try_element_at(parentOf(journey), step);
    Column units = when(parent.isNull(), array(step)).otherwise(array(step, parent));
    return signals.withColumn(UNIT, explode(units));
  }

  /** A map literal step id → parent id, for the sub-steps of the journey. */
  private static Column parentOf(Journey journey) {
    var subSteps = journey.steps().stream().filter(s -> !s.isTopLevel()).toList();
    if (subSteps.isEmpty()) {
      return org.apache.spark.sql.functions.map().cast("map<string,string>");
    }
    return map_from_arrays(
        array(subSteps.stream().map(s -> lit(s.id())).toArray(Column[]::new)),
        array(subSteps.stream().map(JourneyStep::parentId).map(org.apache.spark.sql.functions::lit)
            .toArray(Column[]::new)));
  }
}
