package io.sluice.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.ReceiverInfo;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The listener's bookkeeping, fed events directly (the HTTP path is MetricsEndpointTest's). */
class StreamingMetricsTest {

  private static PrometheusText text(StreamingMetrics metrics) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return new PrometheusText(out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static BatchInfo completed(long time, Map<Integer, Long> records, long submitted, long start, long end) {
    return new BatchInfo(new Time(time), records, submitted, Optional.of(start), Optional.of(end));
  }

  @Test
  void delaysLandInTheirBucketsInSeconds() throws Exception {
    StreamingMetrics metrics = new StreamingMetrics(2000, Map.of(0, "in"), Set.of(0));
    metrics.onBatchCompleted(completed(2000, Map.of(0, 10L), 2000, 3500, 6000));
    PrometheusText text = text(metrics);
    assertEquals(0, text.value("sluice_streaming_scheduling_delay_seconds_bucket{le=\"1.0\"}"));
    assertEquals(1, text.value("sluice_streaming_scheduling_delay_seconds_bucket{le=\"2.0\"}"));
    assertEquals(1.5, text.value("sluice_streaming_scheduling_delay_seconds_sum"));
    assertEquals(0, text.value("sluice_streaming_processing_time_seconds_bucket{le=\"2.0\"}"));
    assertEquals(1, text.value("sluice_streaming_processing_time_seconds_bucket{le=\"5.0\"}"));
    assertEquals(2.5, text.value("sluice_streaming_processing_time_seconds_sum"));
    assertEquals(4.0, text.value("sluice_streaming_total_delay_seconds_sum"));
    assertEquals(5.0, text.value("sluice_streaming_input_rate"), "10 records in a 2 s batch");
    assertEquals(2.0, text.value("sluice_streaming_last_completed_batch_time_seconds"));
  }

  @Test
  void aBatchWithAFailedOutputOperationCountsOnceAsFailed() throws Exception {
    StreamingMetrics metrics = new StreamingMetrics(1000, Map.of(), Set.of());
    Time first = new Time(1000);
    metrics.onOutputOperationCompleted(new OutputOperationInfo(first, 0, "foreachRDD", Optional.of(0L),
        Optional.of(0L), Optional.of("boom")));
    metrics.onOutputOperationCompleted(new OutputOperationInfo(first, 1, "foreachRDD", Optional.of(0L),
        Optional.of(0L), Optional.of("boom again")));
    metrics.onBatchCompleted(completed(1000, Map.of(), 1000, 1000, 1000));
    metrics.onOutputOperationCompleted(new OutputOperationInfo(new Time(2000), 0, "foreachRDD", Optional.of(0L),
        Optional.of(0L), Optional.empty()));
    metrics.onBatchCompleted(completed(2000, Map.of(), 2000, 2000, 2000));
    PrometheusText text = text(metrics);
    assertEquals(2, text.value("sluice_streaming_batches_completed_total"));
    assertEquals(1, text.value("sluice_streaming_batches_failed_total"));
  }

  @Test
  void recordsPerStreamAndReceiversUp() throws Exception {
    StreamingMetrics metrics = new StreamingMetrics(1000, Map.of(0, "socket-h:1", 1, "queue"), Set.of(0));
    PrometheusText before = text(metrics);
    assertEquals(0, before.value("sluice_streaming_input_records_total{stream_id=\"0\",stream_name=\"socket-h:1\"}"));
    assertEquals(1, before.value("sluice_streaming_receivers"));
    assertEquals(0, before.value("sluice_streaming_receivers_up"));

    metrics.onReceiverStarted(new ReceiverInfo(0, "socket-h:1", true, "exec-1", ""));
    metrics.onBatchCompleted(completed(1000, Map.of(0, 3L, 7, 2L), 1000, 1000, 1000));
    metrics.onBatchCompleted(completed(2000, Map.of(0, 4L), 2000, 2000, 2000));
    metrics.onReceiverError(new ReceiverInfo(0, "socket-h:1", true, "exec-1", "flaky"));
    PrometheusText running = text(metrics);
    assertEquals(7, running.value("sluice_streaming_input_records_total{stream_id=\"0\",stream_name=\"socket-h:1\"}"));
    assertEquals(0, running.value("sluice_streaming_input_records_total{stream_id=\"1\",stream_name=\"queue\"}"));
    assertEquals(2, running.value("sluice_streaming_input_records_total{stream_id=\"7\",stream_name=\"\"}"),
        "a stream the graph did not name still counts");
    assertEquals(1, running.value("sluice_streaming_receivers_up"), "an error alone does not stop a receiver");

    metrics.onReceiverStopped(new ReceiverInfo(0, "socket-h:1", true, "exec-1", ""));
    assertEquals(0, text(metrics).value("sluice_streaming_receivers_up"));
  }
}
