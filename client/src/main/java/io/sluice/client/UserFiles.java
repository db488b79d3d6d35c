package io.sluice.client;

import io.sluice.yarn.ApplicationSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code --files} and {@code --archives} of a submission: {@code path[#name],...}. Each is
 * localized into every container's working directory (the ApplicationMaster's and each executor's)
 * as {@code name} (default: the file's own name); an archive is unpacked by YARN into a directory of
 * that name. A path with a scheme other than {@code file:} ({@code hdfs://...}) is already on a
 * cluster file system and is not uploaded.
 */
final class UserFiles {
  /** One entry as given; {@code local} is null for a file on a cluster file system. */
  record UserFile(String option, Path local, URI remote, String name, boolean archive) {}

  /** Extensions YARN's localizer unpacks. */
  static final List<String> ARCHIVE_EXTENSIONS = List.of(".zip", ".jar", ".tar", ".tar.gz", ".tgz");
  /** Names Sluice's own files have in the working directory. */
  private static final Set<String> RESERVED = Set.of(ApplicationSpec.APP_JAR, ApplicationSpec.HADOOP_CONF_ARCHIVE,
      ApplicationSpec.FILE_NAME, ApplicationSpec.LOG_CONFIG, ApplicationSpec.EXTRA_JARS_DIR, "launch.properties",
      "tmp", "launch_container.sh", "container_tokens");

  private UserFiles() {}

  /**
   * @param option {@code --files} or {@code --archives}, named in errors
   * @throws UsageException for an empty entry, a missing or unreadable local file, a name that is not a
   *     plain file name, or an archive YARN cannot unpack
   */
  static List<UserFile> parse(String option, String value) {
    boolean archive = option.equals("--archives");
    List<UserFile> files = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      String e = entry.trim();
      if (e.isEmpty()) {
        throw new UsageException(option + " needs comma-separated paths, got an empty entry in '" + value + "'");
      }
      int hash = e.lastIndexOf('#');
      String path = hash >= 0 ? e.substring(0, hash) : e;
      URI remote = remoteUri(path);
      Path local = remote == null ? Path.of(path.startsWith("file:") ? URI.create(path).getPath() : path) : null;
      String defaultName = remote == null ? local.getFileName().toString()
          : Path.of(remote.getPath()).getFileName().toString();
      String name = hash >= 0 ? e.substring(hash + 1) : defaultName;
      checkName(option, e, name);
      if (local != null) {
        if (!Files.isRegularFile(local)) {
          throw new UsageException(option + " " + local + ": no such file");
        }
        if (!Files.isReadable(local)) {
          throw new UsageException(option + " " + local + ": not readable");
        }
      }
      if (archive && ARCHIVE_EXTENSIONS.stream().noneMatch(path.toLowerCase(Locale.ROOT)::endsWith)) {
        throw new UsageException(option + " " + path + ": YARN unpacks only " + String.join(", ", ARCHIVE_EXTENSIONS)
            + " archives (use --files for other files)");
      }
      files.add(new UserFile(option, local, remote, name, archive));
    }
    return files;
  }

  /** Every name once, across --files and --archives: two files cannot share a place in the working directory. */
  static void checkDistinctNames(List<UserFile> files) {
    Set<String> names = new HashSet<>();
    for (UserFile f : files) {
      if (!names.add(f.name())) {
        throw new UsageException(f.option() + ": two files would be localized as '" + f.name()
            + "'; give one another name with path#name");
      }
    }
  }

  private static URI remoteUri(String path) {
    try {
      URI uri = new URI(path);
      String scheme = uri.getScheme();
      // One-letter schemes are Windows drive letters; file: is local.
      return scheme != null && scheme.length() > 1 && !scheme.equals("file") ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static void checkName(String option, String entry, String name) {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new UsageException(option + " " + entry + ": '" + name + "' is not a file name for the container's "
          + "working directory");
    }
    if (RESERVED.contains(name)) {
      throw new UsageException(option + " " + entry + ": '" + name + "' is the name of a file Sluice puts in every "
          + "container; give it another name with path#name");
    }
  }
}
