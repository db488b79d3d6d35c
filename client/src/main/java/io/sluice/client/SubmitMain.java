package io.sluice.client;

import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.util.SystemClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * {@code sluice-submit}: submits a Sluice application to YARN, shows an application's status, or
 * stops one. Run through {@code yarn jar sluice-client.jar} or {@code bin/sluice-submit}; see
 * {@link Usage} for the commands and {@link ExitCode} for what it returns.
 */
public final class SubmitMain {
  private SubmitMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs one command line in this process's environment; returns the exit code instead of exiting. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /**
   * Runs one command line as if the process environment were {@code env} (e.g. another
   * {@code HADOOP_CONF_DIR}); returns the exit code instead of exiting. Integration tests call this.
   */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      Command command = CommandLineParser.parse(args);
      if (command instanceof Command.Help) {
        out.print(Usage.TEXT);
        return ExitCode.OK;
      }
      if (command instanceof Command.Submit submit) {
        // Everything that can be checked without the cluster is, before connecting to it.
        AppJar.check(submit.jar(), submit.mainClass());
        List<Path> extraJars = ExtraJars.expand(submit.extraJars());
        AppSettings settings = checkedSettings(submit);
        List<Path> runtimeJars = RuntimeJars.ofThisJvm();
        YarnConfiguration conf = HadoopConf.load(env);
        KerberosLogin.login(conf, submit.conf(), true, out);
        try (YarnClient yarn = startedClient(conf)) {
          return new SubmitAction(yarn, FileSystem.get(conf), conf, new SystemClock(), out)
              .run(submit, settings, runtimeJars, extraJars);
        }
      }
      YarnConfiguration conf = HadoopConf.load(env);
      KerberosLogin.login(conf, command instanceof Command.Status st ? st.login() : ((Command.Kill) command).login(),
          false, out);
      try (YarnClient yarn = startedClient(conf)) {
        if (command instanceof Command.Status status) {
          return new StatusAction(yarn, out).run(status.appId());
        }
        Command.Kill kill = (Command.Kill) command;
        return new KillAction(yarn, FileSystem.get(conf), new SystemClock(), out).run(kill.appId(), kill.timeoutMs());
      }
    } catch (UsageException e) {
      err.println("sluice-submit: " + e.getMessage());
      err.println();
      err.print(Usage.TEXT);
      return ExitCode.USAGE;
    } catch (SluiceException e) {
      err.println("sluice-submit: " + e.getMessage());
      return ExitCode.FAILED;
    } catch (IOException | YarnException e) {
      err.println("sluice-submit: failed: " + e);
      return ExitCode.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("sluice-submit: interrupted");
      return ExitCode.FAILED;
    } catch (RuntimeException e) {
      err.println("sluice-submit: unexpected error");
      e.printStackTrace(err);
      return ExitCode.FAILED;
    }
  }

  /** The submission's settings, every value checked: a bad one is a usage error, reported before upload. */
  private static AppSettings checkedSettings(Command.Submit submit) {
    try {
      AppSettings settings = AppSettings.of(submit);
      JvmFlagsCheck.check(SluiceOptions.DRIVER_EXTRA_JAVA_OPTIONS.key(), settings.containers().driverJavaOptions());
      JvmFlagsCheck.check(SluiceOptions.EXECUTOR_EXTRA_JAVA_OPTIONS.key(), settings.containers().executorJavaOptions());
      return settings;
    } catch (SluiceException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static YarnClient startedClient(YarnConfiguration conf) {
    YarnClient yarn = YarnClient.createYarnClient();
    yarn.init(conf);
    yarn.start();
    return yarn;
  }
}
