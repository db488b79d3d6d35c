package io.sluice.client;

import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.yarn.ApplicationSpec;
import io.sluice.yarn.StagedFile;
import io.sluice.yarn.StagingLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * An application's files on the cluster's default file system, laid out as {@link StagingLayout} says:
 * uploads them for a submission and removes them when the application has ended.
 */
final class Staging {
  /**
   * What the ApplicationMaster container localizes: the spec's files plus the spec itself, and the
   * keytab of {@code --keytab} (null without one), which only the ApplicationMaster gets.
   */
  record Staged(ApplicationSpec spec, StagedFile specFile, StagedFile keytab) {
    Staged(ApplicationSpec spec, StagedFile specFile) {
      this(spec, specFile, null);
    }
  }

  private static final FsPermission OWNER_ONLY = new FsPermission((short) 0700);
  private static final FsPermission OWNER_READ_WRITE = new FsPermission((short) 0600);

  private final FileSystem fs;
  private final Path home;
  private final PrintStream out;

  Staging(FileSystem fs, PrintStream out) {
    this.fs = fs;
    this.home = fs.getHomeDirectory();
    this.out = out;
  }

  Path appDir(ApplicationId appId) {
    return fs.makeQualified(StagingLayout.appDir(home, appId.toString()));
  }

  Staged stage(ApplicationId appId, Command.Submit submit, AppSettings settings, List<java.nio.file.Path> runtimeJars,
               List<java.nio.file.Path> extraJars, Configuration hadoopConf) throws IOException {
    Path dir = appDir(appId);
    fs.mkdirs(dir, OWNER_ONLY);
    List<StagedFile> files = new ArrayList<>();
    files.add(upload(submit.jar(), new Path(dir, ApplicationSpec.APP_JAR), ApplicationSpec.APP_JAR));

    JarCache cache = new JarCache(fs, fs.makeQualified(StagingLayout.jarCache(home)));
    JarCache.Result cached = cache.stage(runtimeJars);
    files.addAll(cached.files());
    out.printf("Runtime jars: %d reused (%s), %d uploaded (%s)%n", cached.reused(), megabytes(cached.reusedBytes()),
        cached.uploaded(), megabytes(cached.uploadedBytes()));

    // The --jars go through the same cache: resubmitting the same jars uploads nothing.
    List<StagedFile> extra = new ArrayList<>();
    if (!extraJars.isEmpty()) {
      JarCache.Result added = cache.stage(extraJars);
      for (StagedFile f : added.files()) {
        extra.add(new StagedFile(ApplicationSpec.extraJarName(f.name()), f.uri(), f.size(), f.modificationTime(),
            false));
      }
      out.printf("Extra jars (--jars): %d reused (%s), %d uploaded (%s): %s%n", added.reused(),
          megabytes(added.reusedBytes()), added.uploaded(), megabytes(added.uploadedBytes()),
          extraJars.stream().map(j -> j.getFileName().toString()).collect(Collectors.joining(", ")));
    }

    List<StagedFile> userFiles = new ArrayList<>();
    for (UserFiles.UserFile f : submit.files()) {
      userFiles.add(stageUserFile(dir, f, hadoopConf));
    }
    if (!userFiles.isEmpty()) {
      out.printf("Files for every container's working directory (--files, --archives): %s%n",
          userFiles.stream().map(f -> f.name() + (f.archive() ? "/" : "")).collect(Collectors.joining(", ")));
    }

    files.add(write(HadoopConfArchive.zip(hadoopConf), new Path(dir, ApplicationSpec.HADOOP_CONF_ARCHIVE + ".zip"),
        ApplicationSpec.HADOOP_CONF_ARCHIVE, true));
    files.add(write(logConfig(), new Path(dir, ApplicationSpec.LOG_CONFIG), ApplicationSpec.LOG_CONFIG, false));

    ApplicationSpec spec = new ApplicationSpec(settings.appName(), submit.mainClass(), submit.appArgs(),
        settings.driverMemoryMb(), settings.specConf(), dir.toUri().toString(), files, extra, userFiles);
    Path specPath = new Path(dir, ApplicationSpec.FILE_NAME);
    try (FSDataOutputStream stream = fs.create(specPath, true)) {
      spec.write(stream);
    }
    String keytab = settings.specConf().get(SluiceOptions.YARN_KEYTAB.key());
    StagedFile keytabFile = null;
    if (keytab != null) {
      Path target = new Path(dir, ApplicationSpec.KEYTAB);
      keytabFile = upload(java.nio.file.Path.of(keytab), target, ApplicationSpec.KEYTAB);
      fs.setPermission(target, OWNER_READ_WRITE);
    }
    return new Staged(spec, staged(fs.getFileStatus(specPath), ApplicationSpec.FILE_NAME, false), keytabFile);
  }

  /** Idempotent; a failure is reported, not thrown, as the ApplicationMaster removes the directory too. */
  void remove(ApplicationId appId) {
    Path dir = appDir(appId);
    try {
      fs.delete(dir, true);
    } catch (IOException e) {
      out.println("Could not remove the staging directory " + dir + ": " + e.getMessage());
    }
  }

  /**
   * A local file is uploaded under {@code files/<name>/} keeping its own file name, whose extension
   * tells YARN how to unpack an archive; a file already on a cluster file system is used where it is.
   */
  private StagedFile stageUserFile(Path dir, UserFiles.UserFile f, Configuration hadoopConf) throws IOException {
    if (f.local() == null) {
      Path remote = new Path(f.remote());
      FileStatus status;
      try {
        status = remote.getFileSystem(hadoopConf).getFileStatus(remote);
      } catch (java.io.FileNotFoundException e) {
        throw new SluiceException(f.option() + " " + f.remote() + ": no such file");
      }
      if (!status.isFile()) {
        throw new SluiceException(f.option() + " " + f.remote() + ": not a file");
      }
      return new StagedFile(f.name(), status.getPath().toUri().toString(), status.getLen(),
          status.getModificationTime(), f.archive());
    }
    Path target = new Path(new Path(new Path(dir, "files"), f.name()), f.local().getFileName().toString());
    fs.copyFromLocalFile(false, true, new Path(f.local().toAbsolutePath().toUri()), target);
    FileStatus status = fs.getFileStatus(target);
    return new StagedFile(f.name(), status.getPath().toUri().toString(), status.getLen(),
        status.getModificationTime(), f.archive());
  }

  private StagedFile upload(java.nio.file.Path local, Path target, String name) throws IOException {
    fs.copyFromLocalFile(false, true, new Path(local.toAbsolutePath().toUri()), target);
    return staged(fs.getFileStatus(target), name, false);
  }

  private StagedFile write(byte[] bytes, Path target, String name, boolean archive) throws IOException {
    try (FSDataOutputStream stream = fs.create(target, true)) {
      stream.write(bytes);
    }
    return staged(fs.getFileStatus(target), name, archive);
  }

  private static StagedFile staged(FileStatus status, String name, boolean archive) {
    return new StagedFile(name, status.getPath().toUri().toString(), status.getLen(), status.getModificationTime(),
        archive);
  }

  private static byte[] logConfig() throws IOException {
    try (InputStream in = ApplicationSpec.class.getResourceAsStream("/" + ApplicationSpec.LOG_CONFIG)) {
      if (in == null) {
        throw new SluiceException(ApplicationSpec.LOG_CONFIG + " is not on the client's classpath (it ships in the "
            + "sluice-yarn-am jar)");
      }
      return in.readAllBytes();
    }
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
