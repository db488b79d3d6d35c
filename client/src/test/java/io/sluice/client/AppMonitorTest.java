package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.util.Clock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;

class AppMonitorTest {
  private static final ApplicationId APP = ApplicationId.newInstance(1700000000000L, 1);

  /** Waiting jumps straight to the target time: a poll loop without real sleeps. */
  private static final class SteppingClock implements Clock {
    long now = 10_000;

    @Override
    public long currentTimeMillis() {
      return now;
    }

    @Override
    public long waitTillTime(long targetMillis) {
      now = Math.max(now, targetMillis);
      return now;
    }
  }

  private static ApplicationReport report(YarnApplicationState state, FinalApplicationStatus status, String diagnostics) {
    return ApplicationReport.newInstance(APP, null, "user", "default", "Job", "host", 0, null, state, diagnostics,
        "http://rm:8088/proxy/" + APP + "/", 10_000, 0, 0, status, null, null, 0f, "SLUICE", null);
  }

  @Test
  void printsEachStateChangeOnceAndTheTimeToRunning() throws Exception {
    Deque<ApplicationReport> reports = new ArrayDeque<>(List.of(
        report(YarnApplicationState.ACCEPTED, FinalApplicationStatus.UNDEFINED, "waiting for AM container"),
        report(YarnApplicationState.ACCEPTED, FinalApplicationStatus.UNDEFINED, ""),
        report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED, ""),
        report(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED, ""),
        report(YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED, "")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SteppingClock clock = new SteppingClock();

    ApplicationReport last = new AppMonitor(id -> reports.poll(), clock, new PrintStream(bytes, true,
        StandardCharsets.UTF_8), null).watch(APP, clock.now, r -> false, Long.MAX_VALUE);

    assertTrue(AppMonitor.succeeded(last));
    assertEquals(String.join(System.lineSeparator(),
        "application_1700000000000_0001 ACCEPTED",
        "application_1700000000000_0001 RUNNING (1.0 s after submission) tracking URL: "
            + "http://rm:8088/proxy/application_1700000000000_0001/",
        "application_1700000000000_0001 FINISHED (SUCCEEDED)", ""), bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void showsTheDiagnosticsOfAFailureAndStopsAtTheDeadline() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SteppingClock clock = new SteppingClock();
    ApplicationReport failed = new AppMonitor(id -> report(YarnApplicationState.FAILED, FinalApplicationStatus.FAILED,
        "Queue q is STOPPED\n"), clock, out, YarnApplicationState.ACCEPTED).watch(APP, 0, r -> false, Long.MAX_VALUE);
    assertTrue(AppMonitor.ended(failed));
    assertEquals("application_1700000000000_0001 FAILED (FAILED)" + System.lineSeparator()
        + "  diagnostics: Queue q is STOPPED" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));

    bytes.reset();
    ApplicationReport stillRunning = new AppMonitor(id -> report(YarnApplicationState.RUNNING,
        FinalApplicationStatus.UNDEFINED, ""), clock, out, YarnApplicationState.RUNNING)
        .watch(APP, 0, r -> false, clock.now + 3_000);
    assertEquals(YarnApplicationState.RUNNING, stillRunning.getYarnApplicationState());
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }
}
