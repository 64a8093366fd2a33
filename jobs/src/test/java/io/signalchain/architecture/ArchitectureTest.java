package io.signalchain.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.signalchain.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layers of docs/architecture.md hold in the compiled code: imports point only
 * downward, packages of one layer never import each other, no cycle, every package placed.
 */
class ArchitectureTest {
  private static final String ROOT = "io.signalchain";
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

  @Test
  void importsPointOnlyDownward() {
    layers(ROOT, documentedLayers()).check(MAIN);
  }

  /** Also in the sources: the compiler inlines constants, so their imports leave no trace in bytecode. */
  @Test
  void sourceImportsPointOnlyDownward() throws IOException {
    List<List<String>> layers = documentedLayers();
    Path sources = TestConfigs.repositoryRoot().resolve("jobs/src/main/java/io/signalchain");
    Pattern ours = Pattern.compile("^import (?:static )?io\\.signalchain\\.([a-z]+)\\.", Pattern.MULTILINE);
    List<String> upward = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = sources.relativize(file).getName(0).toString();
        Matcher m = ours.matcher(Files.readString(file));
        while (m.find()) {
          String to = m.group(1);
          if (!to.equals(from) && layerOf(layers, to) <= layerOf(layers, from)) {
            upward.add(sources.relativize(file) + " imports " + to);
          }
        }
      }
    }
    assertEquals(List.of(), upward, "imports of a package in the same or a higher layer (docs/architecture.md)");
  }

  private static int layerOf(List<List<String>> layers, String pkg) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).contains(pkg)) {
        return i;
      }
    }
    throw new AssertionError("package " + pkg + " is in no layer of docs/architecture.md");
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void everyPackageIsPlacedInALayer() {
    Set<String> documented = documentedLayers().stream().flatMap(List::stream)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> actual = MAIN.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(ROOT + "."))
        .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0]).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(documented, actual, "the packages of jobs/src/main and the layers of docs/architecture.md");
  }

  /** The rule can fail: a fixture whose config package imports its cli package is rejected. */
  @Test
  void anUpwardImportFailsTheRule() {
    String fixture = ROOT + ".architecture.upward";
    JavaClasses classes = new ClassFileImporter().importPackages(fixture);
    AssertionError error = assertThrows(AssertionError.class,
        () -> layers(fixture, List.of(List.of("cli"), List.of("config"))).check(classes));
    assertTrue(error.getMessage().contains("Settings"), error.getMessage());
  }

  /** Each package may be used only by packages of the layers above its own. */
  private static LayeredArchitecture layers(String root, List<List<String>> layers) {
    LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (List<String> layer : layers) {
      for (String pkg : layer) {
        rule = rule.layer(pkg).definedBy(root + "." + pkg + "..");
      }
    }
    List<String> above = new ArrayList<>();
    for (List<String> layer : layers) {
      for (String pkg : layer) {
        rule = above.isEmpty() ? rule.whereLayer(pkg).mayNotBeAccessedByAnyLayer()
            : rule.whereLayer(pkg).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
      }
      above.addAll(layer);
    }
    return rule;
  }

  /** The ```layers block of docs/architecture.md: one layer a line, highest first, packages split by '|'. */
  static List<List<String>> documentedLayers() {
    try {
      List<String> lines = Files.readAllLines(TestConfigs.repositoryRoot().resolve("docs/architecture.md"));
      int start = lines.indexOf("```layers");
      int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
      return lines.subList(start + 1, end).stream()
          .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).toList()).toList();
    } catch (IOException e) {
      throw new IllegalStateException("docs/architecture.md cannot be read", e);
    }
  }
}
