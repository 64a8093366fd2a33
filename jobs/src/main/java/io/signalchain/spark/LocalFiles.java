package io.signalchain.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a process per call. Without Hadoop's
 * native library (not on Maven Central), Hadoop starts {@code chmod} for every file and folder
 * it creates and {@code readlink} twice for every rename, and Delta commits by a rename: about
 * ten processes per commit, about 480 a night on the samples, each 3–7 ms on this machine. Here the
 * same permissions are set and the same links looked at through java.nio; anything java.nio
 * cannot express (a sticky bit, a file system without POSIX permissions, a real symbolic link)
 * goes to Hadoop's own code. Checksums and everything else are Hadoop's.
 */
public final class LocalFiles extends LocalFileSystem {
  /** Hadoop's settings that select these classes for {@code file:} (FileSystem and FileContext). */
  public static final Map<String, String> SETTINGS = Map.of(
      "spark.hadoop.fs.file.impl", LocalFiles.class.getName(),
      "spark.hadoop.fs.AbstractFileSystem.file.impl", Context.class.getName());

  public LocalFiles() {
    super(new Raw());
  }

  /** The raw file system: Hadoop's, with permissions and links read and set in process. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      short mode = permission.toShort();
      if ((mode & ~0777) != 0) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(mode));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      return Files.isSymbolicLink(pathToFile(f).toPath()) ? super.getFileLinkStatus(f) : getFileStatus(f);
    }
  }

  /** {@code rwxrwxrwx} from the mode's nine low bits, owner's first (PosixFilePermission's order). */
  static Set<PosixFilePermission> posix(short mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values();
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  /** The same for FileContext (Delta's log store commits through it), with checksums as Hadoop's LocalFs. */
  public static final class Context extends ChecksumFs {
    public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawContext(uri, conf));
    }
  }

  /** As Hadoop's RawLocalFs, over {@link Raw}. */
  static final class RawContext extends DelegateToFileSystem {
    RawContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }
}
