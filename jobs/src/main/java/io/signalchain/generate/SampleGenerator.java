package io.signalchain.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generates realistic, deterministic Signalchain inputs (DESIGN.md section 4): survey_responses,
 * contacts and process_volumes for the default journey, with the effects listed in {@link
 * PlantedEffects} planted in them and about 1.5% broken rows of every kind per input; and
 * improvement_actions, the few actions planted there (no broken rows).
 *
 * <p>Sizes: {@code scale} 1 = 1,000,000 survey responses and {@code contactsPerResponse} (default
 * 10) contacts per response; process volumes are one row per leaf step × day × completion channel.
 * Every row is computed from (seed, row id) alone, on the executors, so the output does not
 * depend on partitioning and nothing row-level passes through the driver.
 *
 * <p>Broken rows, one per block of {@value RowRandom#BROKEN_STRIDE} rows (≈ 1.5%) of each input,
 * the kinds taking turns (so each kind is ≈ 1.5% / number of kinds; all kinds occur once an input
 * has kinds × 67 rows):
 * <ul>
 *   <li>survey_responses ({@link SurveyRows.Broken}): unparsable responded_at*, unparsable
 *       number*, satisfaction outside 1–10, nps outside 0–10, a driver outside 1–10, weight ≤ 0,
 *       unknown step_id, empty response_id, empty step_id, empty satisfaction, empty responded_at,
 *       duplicate response_id (exact or near copy of a row up to 40 rows earlier);</li>
 *   <li>contacts ({@link ContactRows.Broken}): unparsable contacted_at*, unparsable number*,
 *       unknown channel, negative cost_eur, negative handling_seconds, empty contact_type, empty
 *       contact_id, empty contacted_at, unknown step_id, duplicate contact_id;</li>
 *   <li>process_volumes ({@link VolumeRows.Broken}): unparsable date*, unparsable volume*,
 *       negative volume, empty date, unknown step_id.</li>
 * </ul>
 * Kinds marked * exist in CSV only: Parquet columns are typed (timestamp, date, double, int,
 * long), so Parquet gets the other kinds, each a little more often.
 */
public final class SampleGenerator {
  private SampleGenerator() {}

  public static final String SURVEY_RESPONSES = "survey_responses";
  public static final String CONTACTS = "contacts";
  public static final String PROCESS_VOLUMES = "process_volumes";
  public static final String IMPROVEMENT_ACTIONS = "improvement_actions";
  public static final String FOLLOW_UP_OUTCOMES = "follow_up_outcomes";

  /** Rows per partition when generating: keeps tasks small at scale 1 and beyond. */
  private static final long ROWS_PER_PARTITION = 250_000;

  public static GenerateSummary generate(SparkSession spark, GenerateOptions o) {
    return generate(spark, o, 0);
  }

  /** {@code partitions} > 0 forces the number of partitions (tests: output must not change). */
  static GenerateSummary generate(SparkSession spark, GenerateOptions o, int partitions) {
    boolean csv = o.csv();
    Period period = new Period(o.startDate(), o.days());
    long responses = o.surveyResponses();
    long contacts = o.contacts();
    // About two thirds of a customer signal per customer: some customers appear in several inputs.
    long customers = Math.max(100, Math.round(responses * 1.5));

    SurveyRows surveys = new SurveyRows(o.seed(), period, customers, csv);
    ContactRows contactRows = new ContactRows(o.seed(), period, customers, csv);
    VolumeRows volumes = new VolumeRows(o.seed(), period, contacts, csv);

    Map<String, String> files = new LinkedHashMap<>();
    files.put(SURVEY_RESPONSES, write(spark, o, SURVEY_RESPONSES, surveys, responses, partitions));
    files.put(CONTACTS, write(spark, o, CONTACTS, contactRows, contacts, partitions));
    files.put(PROCESS_VOLUMES, write(spark, o, PROCESS_VOLUMES, volumes, volumes.rows(), partitions));
    files.put(IMPROVEMENT_ACTIONS, writeActions(spark, o));
    files.put(FOLLOW_UP_OUTCOMES, writeOutcomes(spark, o, new FollowUpOutcomes(surveys, o.seed(), o.endDate()),
        responses));
    return new GenerateSummary(responses, contacts, volumes.rows(), files);
  }

  private static String write(SparkSession spark, GenerateOptions o, String name, InputRows<?, ?> input,
      long rows, int forcedPartitions) {
    int partitions = forcedPartitions > 0 ? forcedPartitions : (int) Math.max(spark.sparkContext().defaultParallelism(),
        Math.min(10_000, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
    Dataset<Row> data = spark.range(0, rows, 1, partitions)
        .map((MapFunction<Long, Row>) input::row, Encoders.row(input.layout().schema(o.csv())));
    Path dir = new Path(o.outputDir());
    if (!o.csv()) {
      String target = new Path(dir, name).toString();
      // Standard INT64 microsecond timestamps rather than Spark's legacy INT96, for other readers.
      String key = "spark.sql.parquet.outputTimestampType";
      String before = spark.conf().get(key);
      spark.conf().set(key, "TIMESTAMP_MICROS");
      try {
        input.layout().typed(data).write().mode(SaveMode.Overwrite).parquet(target);
      } finally {
        spark.conf().set(key, before);
      }
      return target;
    }
    // One file per input, as a survey tool or CRM export would deliver it. coalesce(1) keeps
    // the partitions in id order, so the file is byte-identical for any partitioning.
    Path tmp = new Path(dir, "_tmp_" + name);
    Path target = new Path(dir, name + ".csv");
    data.coalesce(1).write().mode(SaveMode.Overwrite)
        .option("header", "true")
        .option("encoding", "UTF-8")
        .option("escape", "\"")
        .option("lineSep", "\n")
        .csv(tmp.toString());
    moveSinglePart(spark, tmp, target);
    return target.toString();
  }

  /** The planted improvement actions ({@link PlantedEffects#ACTIONS}), a few rows, as a team would record them. */
  private static String writeActions(SparkSession spark, GenerateOptions o) {
    Date started = Date.valueOf(PlantedEffects.actionsFrom(o.endDate()));
    List<Row> rows = PlantedEffects.ACTIONS.stream().map(a -> RowFactory.create(a.actionId(), a.stepId(), a.team(),
        a.title(), started, null, a.targetMetric())).toList();
    StructType schema = new StructType().add("action_id", DataTypes.StringType).add("step_id", DataTypes.StringType)
        .add("team", DataTypes.StringType).add("title", DataTypes.StringType)
        .add("started_on", DataTypes.DateType).add("ended_on", DataTypes.DateType)
        .add("target_metric", DataTypes.StringType);
    return writeSmall(spark, o, IMPROVEMENT_ACTIONS, spark.createDataFrame(rows, schema).coalesce(1));
  }

  /** The outcomes of the first night's follow-ups ({@link FollowUpOutcomes}), by id. */
  private static String writeOutcomes(SparkSession spark, GenerateOptions o, FollowUpOutcomes outcomes,
      long responses) {
    Dataset<Row> data = spark.range(0, responses)
        .flatMap((FlatMapFunction<Long, Row>) outcomes::outcomes, Encoders.row(FollowUpOutcomes.SCHEMA))
        // A customer with two such answers has one follow-up: its first outcome.
        .groupBy("follow_up_id").agg(functions.min(functions.struct("closed_at", "outcome", "note")).as("o"))
        .select("follow_up_id", "o.closed_at", "o.outcome", "o.note").orderBy("follow_up_id").coalesce(1);
    return writeSmall(spark, o, FOLLOW_UP_OUTCOMES, data);
  }

  /** A few rows as one CSV file (ISO timestamps) or a Parquet folder. */
  private static String writeSmall(SparkSession spark, GenerateOptions o, String name, Dataset<Row> data) {
    Path dir = new Path(o.outputDir());
    if (!o.csv()) {
      String target = new Path(dir, name).toString();
      data.write().mode(SaveMode.Overwrite).parquet(target);
      return target;
    }
    Path tmp = new Path(dir, "_tmp_" + name);
    Path target = new Path(dir, name + ".csv");
    data.write().mode(SaveMode.Overwrite).option("header", "true").option("encoding", "UTF-8")
        .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss").option("lineSep", "\n").csv(tmp.toString());
    moveSinglePart(spark, tmp, target);
    return target.toString();
  }

  private static void moveSinglePart(SparkSession spark, Path tmp, Path target) {
    try {
      FileSystem fs = tmp.getFileSystem(spark.sparkContext().hadoopConfiguration());
      // The raw local file system: no .crc side files next to the sample.
      FileSystem raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
      Path part = null;
      for (FileStatus f : fs.listStatus(tmp)) {
        if (f.getPath().getName().startsWith("part-")) {
          part = f.getPath();
        }
      }
      if (part == null) {
        throw new IllegalStateException("Spark wrote no part file into " + tmp);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!raw.rename(part, target)) {
        throw new IOException("could not move " + part + " to " + target);
      }
      fs.delete(tmp, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
