package io.signalchain.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.testing.SharedSpark;
import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local disk as the job's session writes it: Hadoop's files and permissions, no chmod or readlink process. */
class LocalFilesTest {
  @TempDir File folder;

  @Test
  void aDeltaTableIsWrittenAndRewrittenWithoutAFileCommandsProcess() throws Exception {
    SparkSession spark = SharedSpark.session();
    String table = new File(folder, "table").getPath();
    List<String> started = processesStartedBy(() -> {
      spark.range(10).write().format("delta").save(table);
      spark.range(5).write().format("delta").mode("overwrite").save(table);
    });
    // Spark's own start-up commands (getconf PAGESIZE, once a JVM) may fall in the recording.
    assertEquals(List.of(), started.stream().filter(LocalFilesTest::hadoopFileCommand).toList());
    assertEquals(5, spark.read().format("delta").load(table).count());
    assertEquals("rw-r--r--", permissions("table/_delta_log/00000000000000000001.json"),
        "Hadoop's default file permission under the default umask");
    assertEquals("rwxr-xr-x", permissions("table/_delta_log"));

    // The check can fail: Hadoop's own local file system starts chmod for a file it creates.
    LocalFileSystem hadoops = new LocalFileSystem();
    hadoops.initialize(FileSystem.getDefaultUri(new Configuration()), new Configuration());
    assertTrue(processesStartedBy(() -> hadoops.create(local("hadoops")).close())
        .stream().anyMatch(LocalFilesTest::hadoopFileCommand));
  }

  @Test
  void theSessionsFileSystemsAreTheseAndKeepHadoopsMeaning() throws Exception {
    Configuration conf = SharedSpark.session().sessionState().newHadoopConf();
    Path file = local("a.txt");
    FileSystem fs = file.getFileSystem(conf);
    assertInstanceOf(LocalFiles.class, fs);
    fs.create(file).close();
    assertTrue(fs.exists(local(".a.txt.crc")), "checksums as Hadoop's");
    fs.setPermission(file, new FsPermission((short) 0750));
    assertEquals("rwxr-x---", permissions("a.txt"));
    assertFalse(fs.getFileLinkStatus(file).isSymlink());

    Files.createSymbolicLink(new File(folder, "link").toPath(), new File(folder, "a.txt").toPath());
    // A plain path: Hadoop's own check, which a link goes to, runs readlink on the path's text,
    // and on "file:/…" it finds no link (as before this class).
    assertTrue(fs.getFileLinkStatus(new Path(new File(folder, "link").getPath())).isSymlink(), "a link is still one");
    assertThrows(FileNotFoundException.class, () -> fs.getFileLinkStatus(local("none")));
    assertThrows(FileNotFoundException.class,
        () -> fs.setPermission(local("none"), new FsPermission((short) 0644)));

    // FileContext, as Delta's log store commits: create, then rename without overwriting.
    FileContext context = FileContext.getFileContext(file.toUri(), conf);
    assertInstanceOf(LocalFiles.Context.class, context.getDefaultFileSystem());
    Path temp = local("commit.tmp");
    Path commit = local("commit.json");
    context.create(temp, EnumSet.of(CreateFlag.CREATE)).close();
    context.rename(temp, commit, Options.Rename.NONE);
    assertTrue(new File(folder, "commit.json").exists());
    assertFalse(new File(folder, "commit.tmp").exists());
    context.create(temp, EnumSet.of(CreateFlag.CREATE)).close();
    assertThrows(FileAlreadyExistsException.class,
        () -> context.rename(temp, commit, Options.Rename.NONE), "a commit never overwrites another");
  }

  @Test
  void modesBecomeThePosixPermissionsOfTheirBits() {
    for (String text : List.of("rw-r--r--", "rwxr-xr-x", "rwxr-x---", "---------", "rwxrwxrwx", "r---w---x")) {
      short mode = FsPermission.valueOf("-" + text).toShort();
      assertEquals(PosixFilePermissions.fromString(text), LocalFiles.posix(mode), text);
    }
  }

  /** A file of the test's folder as a file: URI. */
  private Path local(String name) {
    return new Path(new File(folder, name).toURI());
  }

  /** What Hadoop's local file system starts without its native library. */
  private static boolean hadoopFileCommand(String command) {
    return List.of("chmod", "readlink", "ls", "stat").contains(command.split(" ")[0]);
  }

  private String permissions(String name) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(new File(folder, name).toPath()));
  }

  private interface Work {
    void run() throws Exception;
  }

  /** The commands of the processes this JVM started while {@code work} ran (from the JVM's flight recorder). */
  private List<String> processesStartedBy(Work work) throws Exception {
    File events = File.createTempFile("processes", ".jfr", folder);
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      work.run();
      recording.stop();
      recording.dump(events.toPath());
    }
    return RecordingFile.readAllEvents(events.toPath()).stream().map(e -> e.getString("command")).toList();
  }
}
