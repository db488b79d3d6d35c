package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.checkpoint.CheckpointStatus;
import io.sluice.internal.util.ManualClock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failed checkpoint writes show on the streaming page and in its statistics JSON (/metrics: CheckpointMetricsTest). */
class CheckpointStatusPageTest {
  private static final ApplicationInfo APP = new ApplicationInfo("app", "local[2]", 0);

  @Test
  void failuresShowUntilAWriteSucceedsAgain() {
    CheckpointStatus status = new CheckpointStatus();
    StreamingUiListener listener = new StreamingUiListener(1000, Map.of(), new ManualClock(), 10);
    listener.watchCheckpoints(status);

    status.written(3_000);
    status.failed("java.io.IOException: <volume> gone", 5_500);
    status.failed("java.io.IOException: <volume> gone", 6_500);
    String page = StreamingPage.render(APP, Map.of(), Optional.of(listener.snapshot()), "");
    assertTrue(page.contains("id=\"checkpoint-failure\">2 since the last one written; batches go on.")
        && page.contains("java.io.IOException: &lt;volume&gt; gone"), page);
    String json = ApiJson.statistics(Optional.of(listener.snapshot()));
    assertTrue(json.contains("\"checkpoint\":{\"lastWrittenBatchTime\":\"1970-01-01T00:00:03Z\",\"failedWrites\":2,"
        + "\"failuresSinceLastWrite\":2,"), json);

    status.written(8_000);
    page = StreamingPage.render(APP, Map.of(), Optional.of(listener.snapshot()), "");
    assertFalse(page.contains("checkpoint-failure"), page);
    assertTrue(page.contains("2 (caught up since)"), page);
  }
}
