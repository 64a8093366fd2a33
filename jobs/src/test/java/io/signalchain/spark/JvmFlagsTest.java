package io.signalchain.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JIT flags of pom.xml's {@code spark.java17.flags} (the launcher's and this JVM's) take
 * effect: the list starts with -XX:+IgnoreUnrecognizedVMOptions, so a misspelt flag would be
 * dropped without a word.
 */
class JvmFlagsTest {
  @Test
  void everyJitFlagOfTheSharedListIsOneTheJvmApplied() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:") && !a.equals("-XX:+IgnoreUnrecognizedVMOptions")).toList();
    assertFalse(flags.isEmpty(), "the tests run with the shared flags");
    for (String flag : flags) {
      String setting = flag.substring("-XX:".length());
      boolean onOff = setting.startsWith("+") || setting.startsWith("-");
      String name = onOff ? setting.substring(1) : setting.substring(0, setting.indexOf('='));
      String value = onOff ? String.valueOf(setting.startsWith("+")) : setting.substring(setting.indexOf('=') + 1);
      assertEquals(value, vm.getVMOption(name).getValue(), flag);
    }
  }
}
