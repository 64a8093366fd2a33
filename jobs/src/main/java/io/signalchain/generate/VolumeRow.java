package io.signalchain.generate;

import static io.signalchain.generate.RowLayout.column;

import io.signalchain.generate.RowLayout.Type;
import java.util.List;

/**
 * One generated process_volumes row (DESIGN.md section 4); {@code date} in epoch days. The {@code
 * with…} copies are how a row gets broken.
 */
record VolumeRow(String stepId, Integer date, String channel, Long volume, CsvText csvText) implements InputRow {

  static final RowLayout<VolumeRow> LAYOUT = new RowLayout<>(List.of(
      column("step_id", Type.STRING, VolumeRow::stepId),
      column("date", Type.DATE, VolumeRow::date),
      column("channel", Type.STRING, VolumeRow::channel),
      column("volume", Type.LONG, VolumeRow::volume)));

  VolumeRow withStepId(String id) {
    return new VolumeRow(id, date, channel, volume, csvText);
  }

  VolumeRow withDate(Integer epochDay) {
    return new VolumeRow(stepId, epochDay, channel, volume, csvText);
  }

  VolumeRow withVolume(Long passes) {
    return new VolumeRow(stepId, date, channel, passes, csvText);
  }

  /** The row with {@code text} written to CSV in {@code column} instead of its value. */
  VolumeRow withCsvText(String column, String text) {
    return new VolumeRow(stepId, date, channel, volume, csvText.with(column, text));
  }
}
