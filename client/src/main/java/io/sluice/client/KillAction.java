package io.sluice.client;

import io.sluice.internal.util.Clock;
import io.sluice.yarn.StagingLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * {@code sluice-submit kill}: asks a running application to stop gracefully through the stop marker
 * in its staging directory (its ApplicationMaster stops the streaming context and unregisters as
 * KILLED), and kills it through YARN if it has not ended within the timeout or is not running yet.
 */
final class KillAction {
  private static final long KILL_WAIT_MS = 30_000;

  private final YarnClient yarn;
  private final FileSystem fs;
  private final Clock clock;
  private final PrintStream out;

  KillAction(YarnClient yarn, FileSystem fs, Clock clock, PrintStream out) {
    this.yarn = yarn;
    this.fs = fs;
    this.clock = clock;
    this.out = out;
  }

  /** @return OK once the application has ended; FAILED if it could not be ended */
  int run(ApplicationId appId, long timeoutMs) throws IOException, YarnException, InterruptedException {
    Staging staging = new Staging(fs, out);
    ApplicationReport report = Reports.get(yarn, appId);
    if (AppMonitor.ended(report)) {
      out.println(appId + " has already ended: " + AppMonitor.describeEnd(report));
      staging.remove(appId);
      return ExitCode.OK;
    }
    long start = clock.currentTimeMillis();
    AppMonitor monitor = new AppMonitor(yarn::getApplicationReport, clock, out, report.getYarnApplicationState());
    Path marker = StagingLayout.stopMarker(staging.appDir(appId));
    if (report.getYarnApplicationState() == YarnApplicationState.RUNNING && fs.exists(marker.getParent())) {
      fs.create(marker, true).close();
      out.printf(Locale.ROOT, "%s stop requested; waiting up to %.0f s for it to stop gracefully%n", appId,
          timeoutMs / 1000.0);
      report = monitor.watch(appId, start, r -> false, start + timeoutMs);
    }
    if (!AppMonitor.ended(report)) {
      out.println(appId + (report.getYarnApplicationState() == YarnApplicationState.RUNNING
          ? " did not stop in time; killing it" : " is " + report.getYarnApplicationState() + "; killing it"));
      yarn.killApplication(appId);
      long killedAt = clock.currentTimeMillis();
      report = monitor.watch(appId, start, r -> false, killedAt + KILL_WAIT_MS);
    }
    if (!AppMonitor.ended(report)) {
      out.println(appId + " is still " + report.getYarnApplicationState());
      return ExitCode.FAILED;
    }
    staging.remove(appId);
    return ExitCode.OK;
  }
}
