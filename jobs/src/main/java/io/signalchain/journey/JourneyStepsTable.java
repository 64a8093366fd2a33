package io.signalchain.journey;

import io.signalchain.config.Journey;
import io.signalchain.config.JourneyStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The journey_steps table: the configured journey, plus the pseudo-step
 * {@link JourneyConformance#UNCLASSIFIED} (level 0) so that every step_id in the other tables
 * joins to a name.
 */
public final class JourneyStepsTable {
  static final StructType SCHEMA = new StructType()
      .add("step_id", DataTypes.StringType, false)
      .add("parent_step_id", DataTypes.StringType, true)
      .add("level", DataTypes.IntegerType, false)
      .add("step_order", DataTypes.IntegerType, false)
      .add("name_nl", DataTypes.StringType, false)
      .add("name_en", DataTypes.StringType, false)
      .add("journey_position", DataTypes.IntegerType, false)
      .add("owner_team", DataTypes.StringType, true);

  private JourneyStepsTable() {}

  public static Dataset<Row> of(SparkSession spark, Journey journey) {
    List<Row> rows = new ArrayList<>();
    int position = 0;
    for (JourneyStep s : journey.steps()) {
      rows.add(RowFactory.create(s.id(), s.parentId(), s.level(), s.order(), s.nameNl(), s.nameEn(), ++position,
          s.owner()));
    }
    rows.add(RowFactory.create(JourneyConformance.UNCLASSIFIED, null, 0, 0, "Niet geclassificeerd",
        "Not classified to a step", ++position, null));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** Every unit the analyses report on, in journey order. */
  public static List<String> units(Journey journey) {
    List<String> units = new ArrayList<>(journey.ids());
    units.add(JourneyConformance.UNCLASSIFIED);
    return units;
  }
}
