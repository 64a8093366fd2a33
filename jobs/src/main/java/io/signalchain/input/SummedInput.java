package io.signalchain.input;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An input read in one pass without keeping its rows ({@link ValidatedInput#summed}): its
 * accepted rows summed by the keys asked for, its rejected rows as they go to rejected_records
 * (source, raw record, reason), and how many rows were read and rejected. Both datasets are
 * computed from a small checkpoint of the pass; neither reads the input again.
 */
public record SummedInput(String source, Dataset<Row> sums, Dataset<Row> rejected, long read, long rejectedRows) {}
