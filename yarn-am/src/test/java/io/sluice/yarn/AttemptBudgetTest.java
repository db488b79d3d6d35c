package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.junit.jupiter.api.Test;

class AttemptBudgetTest {
  private static final ApplicationId APP = ApplicationId.newInstance(1, 1);

  private static ApplicationAttemptId attempt(int id) {
    return ApplicationAttemptId.newInstance(APP, id);
  }

  private static ApplicationAttemptReport report(int id, YarnApplicationAttemptState state, long finishedAt) {
    return ApplicationAttemptReport.newInstance(attempt(id), "host", 0, "", "", "", state, null, 0, finishedAt);
  }

  @Test
  void withoutAValidityIntervalEveryFailureCounts() {
    List<ApplicationAttemptReport> attempts = List.of(report(1, YarnApplicationAttemptState.FAILED, 1_000),
        report(2, YarnApplicationAttemptState.RUNNING, 0));
    assertTrue(AttemptBudget.isLast(attempt(2), 2, Optional.empty(), attempts, 1_000_000));
    assertFalse(AttemptBudget.isLast(attempt(2), 3, Optional.empty(), attempts, 1_000_000));
    assertFalse(AttemptBudget.isLast(attempt(1), 2, Optional.empty(), List.of(report(1,
        YarnApplicationAttemptState.RUNNING, 0)), 1_000));
  }

  @Test
  void failuresOlderThanTheValidityIntervalAreForgivenThoughAttemptIdsKeepRising() {
    // Attempts 1 and 2 failed long ago; 3 failed a moment ago; 4 is failing now. With 2 allowed
    // failures in 60 s, attempt 4 is the last only because of attempt 3.
    List<ApplicationAttemptReport> attempts = List.of(report(1, YarnApplicationAttemptState.FAILED, 10_000),
        report(2, YarnApplicationAttemptState.FAILED, 20_000), report(3, YarnApplicationAttemptState.FAILED, 295_000),
        report(4, YarnApplicationAttemptState.RUNNING, 0));
    assertTrue(AttemptBudget.isLast(attempt(4), 2, Optional.of(60_000L), attempts, 300_000));
    assertFalse(AttemptBudget.isLast(attempt(4), 2, Optional.of(60_000L), attempts, 360_000));
    assertFalse(AttemptBudget.isLast(attempt(4), 3, Optional.of(60_000L), attempts, 300_000));
    // An interval of 0 means none: all three failures count.
    assertTrue(AttemptBudget.isLast(attempt(4), 4, Optional.of(0L), attempts, 300_000));
  }
}
