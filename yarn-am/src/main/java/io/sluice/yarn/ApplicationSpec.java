package io.sluice.yarn;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the client tells the ApplicationMaster: the user's main class and arguments, the Sluice
 * configuration, the staging directory and the files every container localizes. The client writes it
 * to the staging directory as a properties file; YARN localizes it into the AM's working directory as
 * {@value #FILE_NAME}. The AM builds executor containers from the same file lists.
 *
 * @param conf {@code sluice.*} settings from the command line ({@code --executors}, {@code --conf ...})
 * @param stagingDir fully qualified; removed when the application ends
 * @param files localized into the working directory: the application jar, Sluice's runtime jars (all on
 *     the classpath through {@code <PWD>/*}), the Hadoop configuration and the log configuration
 * @param extraJars the jars given with {@code --jars}, named {@value #EXTRA_JARS_DIR}{@code /<file>}: on the
 *     classpath after every jar of {@code files}, in this order (see {@link ContainerCommands}); empty
 *     when the spec was written without them (a spec file from before {@code --jars} has none)
 * @param userFiles the {@code --files} and {@code --archives}, localized into every container's working
 *     directory under the names given (archives unpacked by YARN into a directory of that name); not
 *     on the classpath
 */
public record ApplicationSpec(String appName, String mainClass, List<String> appArgs, int driverMemoryMb,
                              Map<String, String> conf, String stagingDir, List<StagedFile> files,
                              List<StagedFile> extraJars, List<StagedFile> userFiles) {

  /** The name of the spec in every container's working directory. */
  public static final String FILE_NAME = "__sluice_app__.properties";
  /** The user's jar, on the classpath of the AM and of every executor. */
  public static final String APP_JAR = "__app__.jar";
  /** The client's Hadoop configuration files, unpacked into this directory (first on the classpath). */
  public static final String HADOOP_CONF_ARCHIVE = "__hadoop_conf__";
  /**
   * The keytab of {@code --keytab}, in the ApplicationMaster's working directory only (executors get
   * delegation tokens, never the keytab); staged owner-only.
   */
  public static final String KEYTAB = "__sluice__.keytab";
  /** The Log4j2 configuration every Sluice container logs with (into YARN's container log dir). */
  public static final String LOG_CONFIG = "log4j2-sluice-container.xml";
  /**
   * The directory the {@code --jars} are localized into: outside the working directory's {@code *}, so
   * that their place on the classpath is the one given explicitly, and their names cannot collide with
   * Sluice's runtime jars.
   */
  public static final String EXTRA_JARS_DIR = "__jars__";

  private static final String CONF = "conf.";
  private static final String ARG = "arg.";
  private static final String FILE = "file.";
  private static final String EXTRA_JAR = "extraJar.";
  private static final String USER_FILE = "userFile.";

  public ApplicationSpec {
    appArgs = List.copyOf(appArgs);
    conf = Map.copyOf(conf);
    files = List.copyOf(files);
    extraJars = List.copyOf(extraJars);
    userFiles = List.copyOf(userFiles);
  }

  /** The name under which a jar given with {@code --jars} is localized. */
  public static String extraJarName(String fileName) {
    return EXTRA_JARS_DIR + "/" + fileName;
  }

  public void write(OutputStream out) throws IOException {
    Properties p = new Properties();
    p.setProperty("app.name", appName);
    p.setProperty("main.class", mainClass);
    p.setProperty("driver.memoryMb", Integer.toString(driverMemoryMb));
    p.setProperty("staging.dir", stagingDir);
    p.setProperty("arg.count", Integer.toString(appArgs.size()));
    for (int i = 0; i < appArgs.size(); i++) {
      p.setProperty(ARG + i, appArgs.get(i));
    }
    new TreeMap<>(conf).forEach((k, v) -> p.setProperty(CONF + k, v));
    writeFiles(p, FILE, files);
    writeFiles(p, EXTRA_JAR, extraJars);
    writeFiles(p, USER_FILE, userFiles);
    Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    p.store(writer, "Sluice application spec");
    writer.flush();
  }

  /** @throws SluiceException naming the entry that is missing or malformed */
  public static ApplicationSpec read(InputStream in) throws IOException {
    Properties p = new Properties();
    try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    List<String> args = new ArrayList<>();
    for (int i = 0, n = number(p, "arg.count"); i < n; i++) {
      args.add(p.getProperty(ARG + i, ""));
    }
    Map<String, String> conf = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(CONF)) {
        conf.put(key.substring(CONF.length()), p.getProperty(key));
      }
    }
    List<StagedFile> files = readFiles(p, FILE, number(p, FILE + "count"));
    List<StagedFile> extraJars = readOptionalFiles(p, EXTRA_JAR);
    List<StagedFile> userFiles = readOptionalFiles(p, USER_FILE);
    return new ApplicationSpec(required(p, "app.name"), required(p, "main.class"), args,
        number(p, "driver.memoryMb"), conf, required(p, "staging.dir"), files, extraJars, userFiles);
  }

  private static void writeFiles(Properties p, String kind, List<StagedFile> list) {
    p.setProperty(kind + "count", Integer.toString(list.size()));
    for (int i = 0; i < list.size(); i++) {
      StagedFile f = list.get(i);
      p.setProperty(kind + i + ".name", f.name());
      p.setProperty(kind + i + ".uri", f.uri());
      p.setProperty(kind + i + ".size", Long.toString(f.size()));
      p.setProperty(kind + i + ".modificationTime", Long.toString(f.modificationTime()));
      p.setProperty(kind + i + ".archive", Boolean.toString(f.archive()));
    }
  }

  /** A list a spec written before it existed does not have: empty then. */
  private static List<StagedFile> readOptionalFiles(Properties p, String kind) {
    return readFiles(p, kind, p.containsKey(kind + "count") ? number(p, kind + "count") : 0);
  }

  private static List<StagedFile> readFiles(Properties p, String kind, int count) {
    List<StagedFile> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String prefix = kind + i + ".";
      list.add(new StagedFile(required(p, prefix + "name"), required(p, prefix + "uri"),
          Long.parseLong(required(p, prefix + "size")), Long.parseLong(required(p, prefix + "modificationTime")),
          Boolean.parseBoolean(required(p, prefix + "archive"))));
    }
    return list;
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new SluiceException("The application spec " + FILE_NAME + " has no '" + key + "'");
    }
    return value.trim();
  }

  private static int number(Properties p, String key) {
    String value = required(p, key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new SluiceException("The application spec " + FILE_NAME + ": '" + key + "' is not a number: " + value);
    }
  }
}
