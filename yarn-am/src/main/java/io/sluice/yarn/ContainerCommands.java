package io.sluice.yarn;

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
 * staged file localized into the working directory, a classpath of the Hadoop configuration then
 * every jar there, the JVM flags Kryo needs, and Log4j2 writing into YARN's container log directory
 * (so the logs show up in the NodeManager UI and in log aggregation).
 */
public final class ContainerCommands {
  /** System property the container Log4j2 configuration reads its directory from. */
  public static final String LOG_DIR_PROPERTY = "sluice.log.dir";

  private ContainerCommands() {}

  /**
   * @param extraFiles per-container files (an executor's launch spec) besides the application's
   * @param env extra environment (e.g. the executor's secret); the classpath is set here
   */
  public static ContainerLaunchContext javaContainer(List<StagedFile> files, Map<String, StagedFile> extraFiles,
                                                     long heapMb, String mainClass, List<String> args,
                                                     Map<String, String> env) {
    Map<String, LocalResource> resources = new HashMap<>();
    for (StagedFile f : files) {
      resources.put(f.name(), f.toLocalResource());
    }
    extraFiles.forEach((name, f) -> resources.put(name, f.toLocalResource()));
    Map<String, String> environment = new HashMap<>(env);
    environment.put(Environment.CLASSPATH.name(), classpath());
    environment.put("HADOOP_CONF_DIR", Environment.PWD.$$() + "/" + ApplicationSpec.HADOOP_CONF_ARCHIVE);
    return ContainerLaunchContext.newInstance(resources, environment, List.of(command(heapMb, mainClass, args)),
        null, null, null);
  }

  /** The configuration directory first, so the client's Hadoop settings win over any on the node. */
  static String classpath() {
    String pwd = Environment.PWD.$$();
    return String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, pwd + "/" + ApplicationSpec.HADOOP_CONF_ARCHIVE,
        pwd, pwd + "/*");
  }

  static String command(long heapMb, String mainClass, List<String> args) {
    List<String> parts = new ArrayList<>();
    parts.add(Environment.JAVA_HOME.$$() + "/bin/java");
    parts.add("-Xmx" + heapMb + "m");
    parts.addAll(JvmOptions.ADD_OPENS);
    parts.add("-Djava.io.tmpdir=" + Environment.PWD.$$() + "/tmp");
    parts.add("-Dlog4j2.configurationFile=" + ApplicationSpec.LOG_CONFIG);
    parts.add("-D" + LOG_DIR_PROPERTY + "=" + ApplicationConstants.LOG_DIR_EXPANSION_VAR);
    parts.add(mainClass);
    args.forEach(a -> parts.add(shellQuote(a)));
    parts.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
    parts.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
    return String.join(" ", parts);
  }

  /** YARN runs the command through a shell script: arguments are quoted so they arrive unchanged. */
  static String shellQuote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
