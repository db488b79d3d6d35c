package io.sluice.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.sluice.internal.checkpoint.CheckpointStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Failed checkpoint writes in /metrics: absent without checkpoints, counted while failing, 0 after catching up. */
class CheckpointMetricsTest {
  private static String text(StreamingMetrics metrics) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void failuresSinceTheLastWriteAndTheNewestBatchWritten() throws Exception {
    StreamingMetrics metrics = new StreamingMetrics(1000, Map.of(), Set.of());
    assertFalse(text(metrics).contains("\nsluice_streaming_checkpoint_failures_since_last_write "), "no checkpoints");

    CheckpointStatus status = new CheckpointStatus();
    metrics.watchCheckpoints(status);
    status.written(3_000);
    status.failed("java.io.IOException: gone", 5_500);
    status.failed("java.io.IOException: gone", 6_500);
    String text = text(metrics);
    assertTrue(text.contains("\nsluice_streaming_checkpoint_failures_since_last_write 2.0\n")
        && text.contains("\nsluice_streaming_checkpoint_last_written_batch_time_seconds 3.0\n"), text);

    status.written(8_000);
    text = text(metrics);
    assertTrue(text.contains("\nsluice_streaming_checkpoint_failures_since_last_write 0.0\n")
        && text.contains("\nsluice_streaming_checkpoint_last_written_batch_time_seconds 8.0\n"), text);
  }
}
