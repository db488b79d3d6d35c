package io.sluice.yarn;

import io.sluice.internal.logging.ContainerOutput;
import io.sluice.internal.util.JvmOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;

/**
 * Builds the launch context of a Sluice container (the ApplicationMaster or an executor): every
 * staged file localized into the working directory, the classpath described at {@code classpath(List)},
 * the JVM flags Kryo needs, and Log4j2 writing into YARN's container log directory (so the logs show
 * up in the NodeManager UI and in log aggregation).
 */
public final class ContainerCommands {
  /** System property the container Log4j2 configuration reads its directory from. */
  public static final String LOG_DIR_PROPERTY = ContainerOutput.LOG_DIR_PROPERTY;

  /** Which of the application's JVMs a container runs: each has its own options and environment. */
  public enum Role { APPLICATION_MASTER, EXECUTOR }

  private ContainerCommands() {}

  /**
   * @param app what every container of the application localizes and puts on its classpath, and the
   *     settings with each role's JVM options and environment ({@link ContainerOptions})
   * @param ownFiles this container's files besides the application's (an executor's launch spec)
   */
  public static ContainerLaunchContext javaContainer(ApplicationSpec app, Role role, Map<String, StagedFile> ownFiles,
                                                     long heapMb, String mainClass, List<String> args) {
    Map<String, LocalResource> resources = new HashMap<>();
    for (StagedFile f : app.files()) {
      resources.put(f.name(), f.toLocalResource());
    }
    for (StagedFile f : app.extraJars()) {
      resources.put(f.name(), f.toLocalResource());
    }
    for (StagedFile f : app.userFiles()) {
      resources.put(f.name(), f.toLocalResource());
    }
    ownFiles.forEach((name, f) -> resources.put(name, f.toLocalResource()));
    ContainerOptions options = ContainerOptions.of(app.conf());
    boolean am = role == Role.APPLICATION_MASTER;
    // The user's variables first: ContainerOptions refuses the names set below, so none is replaced.
    Map<String, String> environment = new HashMap<>(am ? options.appMasterEnv() : options.executorEnv());
    environment.put(Environment.CLASSPATH.name(), classpath(app.extraJars()));
    environment.put("HADOOP_CONF_DIR", Environment.PWD.$$() + "/" + ApplicationSpec.HADOOP_CONF_ARCHIVE);
    List<String> javaOptions = new ArrayList<>(am ? options.driverJavaOptions() : options.executorJavaOptions());
    javaOptions.add("-D" + ContainerOutput.MAX_SIZE_MB_PROPERTY + "=" + options.logMaxSizeMb());
    javaOptions.add("-D" + ContainerOutput.MAX_FILES_PROPERTY + "=" + options.logMaxFiles());
    return ContainerLaunchContext.newInstance(resources, environment,
        List.of(command(heapMb, javaOptions, mainClass, args)), null, null, null);
  }

  /**
   * The configuration directory first, so the client's Hadoop settings win over any on the node; then
   * the working directory's jars (Sluice's runtime jars and the application jar, in the order the JVM
   * lists {@code *}); then the {@code --jars}, one entry each in the order given.
   *
   * <p>The {@code --jars} come after Sluice's jars (and the application jar) on purpose, as Spark's
   * default ({@code userClassPathFirst=false}) does: the JVM loads a class from the first entry that
   * has it, so a user jar that bundles, say, an older Guava or Netty cannot replace the versions the
   * engine was built and tested with, which would fail inside Sluice (NoSuchMethodError in a
   * scheduler thread, far from the cause). The user's code sees Sluice's versions of shared libraries
   * instead; one that needs another version shades (relocates) it. The application jar is before them,
   * as in Spark, so what it bundles wins over a {@code --jars} jar.
   */
  static String classpath(List<StagedFile> extraJars) {
    String pwd = Environment.PWD.$$();
    List<String> entries = new ArrayList<>(List.of(pwd + "/" + ApplicationSpec.HADOOP_CONF_ARCHIVE, pwd, pwd + "/*"));
    extraJars.forEach(jar -> entries.add(pwd + "/" + jar.name()));
    return String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries);
  }

  /**
   * The user's JVM options come after Sluice's (the JVM takes the last of repeated flags) but cannot
   * replace the heap or the classpath ({@link JavaOptions}). Output goes to {@code stdout} and
   * {@code stderr} in the log directory, appended: the JVM itself writes there only what comes before
   * {@code main} and what the JVM prints natively, as {@link ContainerOutput} sends
   * {@code System.out}/{@code System.err} into rolling files of the same names.
   */
  static String command(long heapMb, List<String> javaOptions, String mainClass, List<String> args) {
    List<String> parts = new ArrayList<>();
    parts.add(Environment.JAVA_HOME.$$() + "/bin/java");
    parts.add("-Xmx" + heapMb + "m");
    parts.addAll(JvmOptions.ADD_OPENS);
    parts.add("-Djava.io.tmpdir=" + Environment.PWD.$$() + "/tmp");
    parts.add("-Dlog4j2.configurationFile=" + ApplicationSpec.LOG_CONFIG);
    parts.add("-D" + LOG_DIR_PROPERTY + "=" + ApplicationConstants.LOG_DIR_EXPANSION_VAR);
    javaOptions.forEach(o -> parts.add(shellQuote(o)));
    parts.add(mainClass);
    args.forEach(a -> parts.add(shellQuote(a)));
    parts.add("1>>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
    parts.add("2>>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
    return String.join(" ", parts);
  }

  /** YARN runs the command through a shell script: arguments are quoted so they arrive unchanged. */
  static String shellQuote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
