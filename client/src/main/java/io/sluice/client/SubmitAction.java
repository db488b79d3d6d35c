package io.sluice.client;

import io.sluice.core.SluiceException;
import io.sluice.internal.util.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * {@code sluice-submit submit}: checks the queue, stages the application, submits its
 * ApplicationMaster and follows it to the end (or, detached, until YARN has accepted it).
 */
final class SubmitAction {
  private static final EnumSet<YarnApplicationState> NOT_YET_ACCEPTED =
      EnumSet.of(YarnApplicationState.NEW, YarnApplicationState.NEW_SAVING, YarnApplicationState.SUBMITTED);

  private final YarnClient yarn;
  private final FileSystem fs;
  private final Configuration hadoopConf;
  private final Clock clock;
  private final PrintStream out;

  SubmitAction(YarnClient yarn, FileSystem fs, Configuration hadoopConf, Clock clock, PrintStream out) {
    this.yarn = yarn;
    this.fs = fs;
    this.hadoopConf = hadoopConf;
    this.clock = clock;
    this.out = out;
  }

  /**
   * @param extraJars the {@code --jars}, checked and expanded ({@link ExtraJars#expand})
   * @return the exit code: OK when the application succeeded (or, detached, was accepted)
   */
  int run(Command.Submit submit, AppSettings settings, List<Path> runtimeJars, List<Path> extraJars)
      throws IOException, YarnException, InterruptedException {
    checkQueue(settings.queue());
    YarnClientApplication app = yarn.createApplication();
    AmLaunch.checkFits(settings, app.getNewApplicationResponse().getMaximumResourceCapability());
    ApplicationSubmissionContext context = app.getApplicationSubmissionContext();
    ApplicationId appId = context.getApplicationId();
    Staging staging = new Staging(fs, out);
    long submittedAt;
    boolean submitted = false;
    try {
      Staging.Staged staged = staging.stage(appId, submit, settings, runtimeJars, extraJars, hadoopConf);
      AmLaunch.fill(context, settings, staged);
      context.getAMContainerSpec().setTokens(AmLaunch.amCredentials(
          KerberosLogin.amTokens(hadoopConf, submit.conf(), out), io.sluice.internal.rpc.Secrets.generate()));
      submittedAt = clock.currentTimeMillis();
      yarn.submitApplication(context);
      submitted = true;
    } finally {
      // The ApplicationMaster removes the directory of an application that ran; one YARN refused has no owner.
      if (!submitted) {
        staging.remove(appId);
      }
    }
    out.println("Submitted " + appId + " (" + settings.appName() + ") to queue " + settings.queue());

    AppMonitor monitor = new AppMonitor(yarn::getApplicationReport, clock, out, null);
    ApplicationReport report = monitor.watch(appId, submittedAt,
        r -> submit.detach() && !NOT_YET_ACCEPTED.contains(r.getYarnApplicationState()), Long.MAX_VALUE);
    if (!AppMonitor.ended(report)) {
      out.println("Detached. Status: sluice-submit status " + appId + "   Stop: sluice-submit kill " + appId);
      return ExitCode.OK;
    }
    staging.remove(appId);
    return AppMonitor.succeeded(report) ? ExitCode.OK : ExitCode.FAILED;
  }

  private void checkQueue(String queue) throws IOException, YarnException {
    QueueInfo info;
    try {
      info = yarn.getQueueInfo(queue);
    } catch (YarnException e) {
      info = null; // the Capacity Scheduler answers an unknown queue with an error instead of null
    }
    if (info == null) {
      String existing = yarn.getAllQueues().stream().map(QueueInfo::getQueueName).sorted()
          .collect(Collectors.joining(", "));
      throw new SluiceException("YARN has no queue '" + queue + "'; its queues: " + existing);
    }
  }
}
