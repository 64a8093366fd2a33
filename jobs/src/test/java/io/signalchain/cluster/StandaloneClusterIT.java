package io.signalchain.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.signalchain.publish.OutputTable;
import io.signalchain.testing.SampleReferences;
import io.signalchain.testing.TestConfigs;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit jar on a real Spark standalone cluster — a master and two workers on 127.0.0.1,
 * started from the Maven-resolved Spark jars — writes the same tables as a local run: the
 * references of the sample run ({@link SampleReferences}).
 */
class StandaloneClusterIT {
  static final String RUN_DATE = "2026-10-31";
  /** Every table but run_log, whose timestamps and ids differ by nature. */
  static final List<String> TABLES = OutputTable.names().stream()
      .filter(t -> !t.equals(OutputTable.RUN_LOG.tableName())).toList();
  @TempDir static Path dir;
  static final List<Process> processes = new ArrayList<>();
  static Path sparkHome;
  static int masterPort;
  static int masterUiPort;

  @BeforeAll
  static void startCluster() throws Exception {
    sparkHome = sparkHomeFromMavenJars();
    masterPort = freePort();
    masterUiPort = freePort();
    start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + masterPort,
        "--webui-port", "" + masterUiPort);
    for (int i = 1; i <= 2; i++) {
      start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
          "--memory", "1500m", "--webui-port", "" + freePort(), "--work-dir", dir.resolve("work-" + i).toString(),
          "spark://127.0.0.1:" + masterPort);
    }
    waitFor("two alive workers", () -> masterJson().matches("(?s).*\"aliveworkers\"\\s*:\\s*2\\b.*"), 120);
  }

  @AfterAll
  static void stopCluster() {
    processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void theJobOnTheClusterWritesWhatALocalRunWrites() throws Exception {
    Path clusterOut = dir.resolve("cluster");
    Process submit = start("submit", "org.apache.spark.deploy.SparkSubmit", "--master",
        "spark://127.0.0.1:" + masterPort, "--deploy-mode", "client", "--class", "io.signalchain.cli.SignalchainCli",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", javaFlags()),
        submitJar().toString(), "run", "--conf", TestConfigs.defaultConfFile().toString(), "--run-date", RUN_DATE,
        "--output", clusterOut.toString());
    if (!submit.waitFor(8, TimeUnit.MINUTES)) {
      fail("the submitted job did not finish in 8 minutes:\n" + log("submit"));
    }
    assertEquals(0, submit.exitValue(), "spark-submit exit code; its log:\n" + log("submit"));
    assertTrue(log("submit").contains("\"status\":\"SUCCEEDED\""), log("submit"));
    waitFor("the application completed on the master",
        () -> masterJson().matches("(?s).*\"completedapps\"\\s*:\\s*\\[\\s*\\{.*\"state\"\\s*:\\s*\"FINISHED\".*"), 60);
    for (int i = 1; i <= 2; i++) {
      try (Stream<Path> apps = Files.list(dir.resolve("work-" + i))) {
        assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")), "worker " + i + " ran executors");
      }
    }

    // A local run of the trusted code wrote the references: the cluster's tables must equal them.
    assertEquals(Set.copyOf(TABLES), Set.copyOf(SampleReferences.TABLES), "every table has its reference");
    for (String table : TABLES) {
      SampleReferences.assertMatches(clusterOut, table);
    }
  }

  /**
   * A SPARK_HOME whose jars/ holds the build's runtime jars — Spark from Maven, no download — but
   * not Delta, which a Spark distribution lacks: the submit jar must bring it.
   */
  static Path sparkHomeFromMavenJars() throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String jar : Files.readString(Path.of("target", "classpath.txt")).trim().split(File.pathSeparator)) {
      Path source = Path.of(jar);
      if (!source.getFileName().toString().startsWith("delta-")) {
        Files.createSymbolicLink(jars.resolve(source.getFileName()), source);
      }
    }
    return home;
  }

  static Path submitJar() {
    Path jar = Path.of("target", "signalchain-jobs-submit.jar").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "the submit jar is built by package: " + jar);
    return jar;
  }

  static Process start(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    command.addAll(javaFlags());
    command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** The Java 17 flags this JVM was started with (the failsafe argLine). */
  static List<String> javaFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
            || a.startsWith("-Djdk.reflect"))
        .toList();
  }

  static String masterJson() {
    try {
      return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
          .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(String what, Check check, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(500);
    }
    fail("waited " + seconds + " s for " + what + "; master log:\n" + log("master") + "\nmaster json:\n"
        + masterJson());
  }

  static String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
