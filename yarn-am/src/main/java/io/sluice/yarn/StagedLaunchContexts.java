package io.sluice.yarn;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;

/**
 * Executor launch contexts whose launch spec is written to the application's staging directory,
 * for YARN to localize into the container as {@value #SPEC_FILE}.
 */
final class StagedLaunchContexts implements ContainerLaunchContexts {
  static final String EXECUTOR_MAIN = "io.sluice.executor.ExecutorMain";
  /** The executor's launch spec in its container's working directory. */
  private static final String SPEC_FILE = "launch.properties";

  private final FileSystem fs;
  private final ApplicationSpec app;

  StagedLaunchContexts(FileSystem fs, ApplicationSpec app) {
    this.fs = fs;
    this.app = app;
  }

  @Override
  public ContainerLaunchContext forExecutor(ExecutorLaunchSpec spec, byte[] secret) throws IOException {
    return launchContext(app, spec, stageSpec(spec), secret);
  }

  /**
   * {@code ExecutorMain launch.properties} with the application's files and jars; the secret in the
   * container's credentials, never in its environment (the NodeManager writes that into a launch script).
   */
  static ContainerLaunchContext launchContext(ApplicationSpec app, ExecutorLaunchSpec spec, StagedFile specFile,
                                              byte[] secret) {
    ContainerLaunchContext context = ContainerCommands.javaContainer(app, ContainerCommands.Role.EXECUTOR,
        Map.of(SPEC_FILE, specFile), spec.memoryMb(), EXECUTOR_MAIN, List.of(SPEC_FILE));
    context.setTokens(ContainerSecrets.credentialsWith(secret));
    Map<String, String> environment = new java.util.HashMap<>(context.getEnvironment());
    environment.put(ExecutorLaunchSpec.DRIVER_ADDRESS_FILE_ENV,
        StagingLayout.driverAddress(new Path(app.stagingDir())).toString());
    context.setEnvironment(environment);
    return context;
  }

  private StagedFile stageSpec(ExecutorLaunchSpec spec) throws IOException {
    Path file = StagingLayout.executorSpec(new Path(app.stagingDir()), spec.executorId());
    try (OutputStream out = fs.create(file, true)) {
      spec.write(out);
    }
    FileStatus status = fs.getFileStatus(file);
    return new StagedFile(SPEC_FILE, fs.makeQualified(file).toString(), status.getLen(),
        status.getModificationTime(), false);
  }
}
