package io.signalchain.pipeline;

import io.signalchain.testing.SampleReferences;
import io.signalchain.testing.SampleRun;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables of the sample run stay what they were: each equals its reference
 * ({@link SampleReferences}), written by the code before the analyses shared their aggregates,
 * the driver stage reduced its partials on the executors and the inputs were kept once.
 */
class SampleRunReferenceTest {
  static List<String> tables() {
    return SampleReferences.TABLES;
  }

  @ParameterizedTest
  @MethodSource("tables")
  void theTableEqualsTheReference(String table) {
    SampleReferences.assertMatches(SampleRun.output(), table);
  }
}
