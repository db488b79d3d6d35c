package io.sluice.client;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/** {@code sluice-submit status}: the ResourceManager's report of one application. */
final class StatusAction {
  private final YarnClient yarn;
  private final PrintStream out;

  StatusAction(YarnClient yarn, PrintStream out) {
    this.yarn = yarn;
    this.out = out;
  }

  /** @return OK unless the application ended FAILED or KILLED */
  int run(ApplicationId appId) throws IOException, YarnException {
    ApplicationReport report = Reports.get(yarn, appId);
    out.println(appId);
    out.println("  name:         " + report.getName());
    out.println("  state:        " + report.getYarnApplicationState());
    out.println("  final status: " + report.getFinalApplicationStatus());
    out.println("  queue:        " + report.getQueue());
    out.println("  tracking URL: " + report.getTrackingUrl());
    out.println("  started:      " + time(report.getStartTime()));
    out.println("  finished:     " + time(report.getFinishTime()));
    String diagnostics = report.getDiagnostics();
    out.println("  diagnostics:  " + (diagnostics == null || diagnostics.isBlank() ? "-" : diagnostics.strip()));
    FinalApplicationStatus status = report.getFinalApplicationStatus();
    boolean failed = AppMonitor.ended(report) && status != FinalApplicationStatus.SUCCEEDED;
    return failed ? ExitCode.FAILED : ExitCode.OK;
  }

  private static String time(long millis) {
    return millis <= 0 ? "-" : Instant.ofEpochMilli(millis).toString();
  }
}
