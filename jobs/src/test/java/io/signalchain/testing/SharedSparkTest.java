package io.signalchain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSparkTest {
  @Test
  void writesAndReadsDelta(@TempDir Path dir) {
    var spark = SharedSpark.session();
    String path = dir.resolve("t").toString();
    spark.range(5).write().format("delta").save(path);
    assertEquals(5, spark.read().format("delta").load(path).count());
    assertEquals(true, Files.isDirectory(dir.resolve("t/_delta_log")));
  }
}
