package io.signalchain.report;

import io.signalchain.errors.Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Writes a report through Hadoop's file system API, so it lands beside the tables wherever they are. */
public final class ReportWriter {
  private ReportWriter() {}

  /** The default location: {@code reports/signalchain-<run_date>.html} beside the output folder. */
  public static String defaultLocation(String outputPath, String runDate) {
    Path parent = new Path(outputPath).getParent();
    return new Path(new Path(parent == null ? new Path(outputPath) : parent, "reports"),
        "signalchain-" + runDate + ".html").toString();
  }

  /**
   * A team's report beside the run's report: {@code signalchain-2026-10-31.html} →
   * {@code signalchain-2026-10-31-team-billing.html}.
   */
  public static String teamLocation(String reportLocation, String team) {
    String stem = reportLocation.endsWith(".html")
        ? reportLocation.substring(0, reportLocation.length() - ".html".length()) : reportLocation;
    return stem + "-team-" + team + ".html";
  }

  public static String write(SparkSession spark, String html, String location, String runDate) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs instanceof ChecksumFileSystem checksummed) {
        // one file for the reader, no hidden .crc beside it on a local disk; the shared, cached
        // file system Delta writes through keeps its checksums
        fs = checksummed.getRawFileSystem();
      }
      try (OutputStream out = fs.create(path, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
      return fs.makeQualified(path).toString();
    } catch (IOException e) {
      throw Errors.reportUnwritable(location, runDate, e);
    }
  }
}
