package io.sluice.client;

import io.sluice.internal.util.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.exceptions.YarnException;

/** Polls an application's report and prints one line each time its state changes. */
final class AppMonitor {
  static final long POLL_INTERVAL_MS = 500;
  static final Set<YarnApplicationState> ENDED =
      EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  /** The ResourceManager's view of an application (a {@code YarnClient} method in production). */
  @FunctionalInterface
  interface Reports {
    ApplicationReport get(ApplicationId appId) throws IOException, YarnException;
  }

  private final Reports reports;
  private final Clock clock;
  private final PrintStream out;
  private YarnApplicationState lastPrinted;

  /** @param lastPrinted the state already shown to the user (not printed again), or null */
  AppMonitor(Reports reports, Clock clock, PrintStream out, YarnApplicationState lastPrinted) {
    this.reports = reports;
    this.clock = clock;
    this.out = out;
    this.lastPrinted = lastPrinted;
  }

  /**
   * Polls until {@code until} holds, the application has ended, or the deadline passes.
   *
   * @param sinceMs when the application was submitted, for the time it took to start running
   * @return the last report
   */
  ApplicationReport watch(ApplicationId appId, long sinceMs, Predicate<ApplicationReport> until, long deadlineMs)
      throws IOException, YarnException, InterruptedException {
    while (true) {
      ApplicationReport report = reports.get(appId);
      print(report, sinceMs);
      long now = clock.currentTimeMillis();
      if (until.test(report) || ended(report) || now >= deadlineMs) {
        return report;
      }
      clock.waitTillTime(Math.min(deadlineMs, now + POLL_INTERVAL_MS));
    }
  }

  private void print(ApplicationReport report, long sinceMs) {
    YarnApplicationState state = report.getYarnApplicationState();
    if (state == lastPrinted) {
      return;
    }
    lastPrinted = state;
    String id = report.getApplicationId().toString();
    if (state == YarnApplicationState.RUNNING) {
      out.printf(Locale.ROOT, "%s RUNNING (%.1f s after submission) tracking URL: %s%n", id,
          (clock.currentTimeMillis() - sinceMs) / 1000.0, report.getTrackingUrl());
    } else if (ended(report)) {
      out.println(id + " " + describeEnd(report));
      String diagnostics = report.getDiagnostics();
      if (diagnostics != null && !diagnostics.isBlank()) {
        out.println("  diagnostics: " + diagnostics.strip());
      }
    } else {
      out.println(id + " " + state);
    }
  }

  static boolean ended(ApplicationReport report) {
    return ENDED.contains(report.getYarnApplicationState());
  }

  static boolean succeeded(ApplicationReport report) {
    return report.getYarnApplicationState() == YarnApplicationState.FINISHED
        && report.getFinalApplicationStatus() == FinalApplicationStatus.SUCCEEDED;
  }

  /** "FINISHED (SUCCEEDED)", "FAILED (FAILED)", ... */
  static String describeEnd(ApplicationReport report) {
    return report.getYarnApplicationState() + " (" + report.getFinalApplicationStatus() + ")";
  }
}
