package io.signalchain.measures;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.signalchain.config.IndexSettings;
import io.signalchain.config.Scale;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-response survey figures that more than one analysis reports (step_kpis for the window,
 * kpi_trends over time), defined once so that both say the same.
 */
public final class SurveyMeasures {
  /** The optional survey answer "how likely are you to stay". */
  public static final String RETENTION_INTENT = "retention_intent";

  private SurveyMeasures() {}

  /** 1 where {@code value} is in the top-2 box of {@code scale} (its two highest points), 0 where not, null if none. */
  public static Column top2(Column value, Scale scale) {
    return when(value.isNotNull(), when(value.geq(scale.max() - 1), 1.0).otherwise(0.0));
  }

  /**
   * A response's index: the {@code aspects}-weighted mean of the aspects it answered (the weights
   * of the answered aspects renormalised), null when it answered none or no index is configured.
   * An aspect the input has no column for counts as unanswered.
   */
  public static Column index(Dataset<Row> surveys, IndexSettings index) {
    if (!index.configured()) {
      return lit(null).cast("double");
    }
    Set<String> columns = Set.copyOf(Arrays.asList(surveys.columns()));
    Column weighted = lit(0.0);
    Column weights = lit(0.0);
    for (Map.Entry<String, Double> aspect : index.aspects().entrySet()) {
      String column = "driver_" + aspect.getKey();
      if (!columns.contains(column)) {
        continue;
      }
      Column x = col(column);
      weighted = weighted.plus(coalesce(x.multiply(aspect.getValue()), lit(0.0)));
      weights = weights.plus(when(x.isNotNull(), lit(aspect.getValue())).otherwise(0.0));
    }
    return when(weights.gt(0), weighted.divide(weights));
  }

  /** The retention_intent column, or null where the input has none. */
  public static Column retentionIntent(Dataset<Row> surveys) {
    return Arrays.asList(surveys.columns()).contains(RETENTION_INTENT) ? col(RETENTION_INTENT).cast("double")
        : lit(null).cast("double");
  }
}
