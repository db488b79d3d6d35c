package io.sluice.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.streaming.Durations;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics of a local[2] streaming run on the manual clock, scraped over HTTP as Prometheus would,
 * against what a StreamingListener of the test saw.
 */
class MetricsEndpointTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path tmp;

  /** Stores two blocks (3 and 2 records; each store returns once logged), then stays quiet. */
  static final class TwoBlocks extends Receiver<String> {
    private static final long serialVersionUID = 1L;

    TwoBlocks() {
      super(StorageLevel.MEMORY_ONLY);
    }

    @Override
    public void onStart() {
      Thread t = new Thread(() -> {
        store(List.of("a", "b", "c"));
        store(List.of("d", "e"));
      }, "two-blocks");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void onStop() {}
  }

  /** Counts what the metrics count, from the same events. */
  static final class CountingListener implements StreamingListener {
    int completed;
    int withSchedulingDelay;
    int withProcessingDelay;
    int withTotalDelay;
    final Set<Long> failed = new HashSet<>();
    final Map<Integer, Long> records = new TreeMap<>();

    @Override
    public synchronized void onBatchCompleted(BatchInfo batch) {
      completed++;
      withSchedulingDelay += batch.schedulingDelay().isPresent() ? 1 : 0;
      withProcessingDelay += batch.processingDelay().isPresent() ? 1 : 0;
      withTotalDelay += batch.totalDelay().isPresent() ? 1 : 0;
      batch.numRecordsByStream().forEach((id, n) -> records.merge(id, n, Long::sum));
    }

    @Override
    public synchronized void onOutputOperationCompleted(OutputOperationInfo op) {
      op.failureReason().ifPresent(reason -> failed.add(op.batchTime().milliseconds()));
    }
  }

  private static SluiceConf withUi(SluiceConf conf) {
    return conf.set("sluice.ui.enabled", "true").set("sluice.ui.port", "0").set("sluice.driver.host", "127.0.0.1");
  }

  private static HttpResponse<String> get(String webUrl, String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(webUrl + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PrometheusText scrape(String webUrl) throws IOException, InterruptedException {
    HttpResponse<String> response = get(webUrl, "metrics");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("text/plain; version=0.0.4; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    return new PrometheusText(response.body());
  }

  @Test
  void countersAndHistogramsEqualWhatAListenerSaw() throws Exception {
    SluiceConf conf = withUi(ManualStreaming.conf("local[3]").setAppName("metrics"))
        .set("sluice.streaming.receiver.writeAheadLog.enable", "true");
    try (ManualStreaming t = new ManualStreaming(conf, Durations.seconds(1))) {
      t.ssc().checkpoint(tmp.resolve("checkpoint").toUri().toString());
      CountingListener seen = new CountingListener();
      t.ssc().addStreamingListener(seen);
      t.ssc().receiverStream(new TwoBlocks()).foreachRDD(rdd -> {
        rdd.count();
      });
      t.queueOf(List.of(List.of(1, 2), List.of(3), List.of(4, 5, 6, 7)), 1).foreachRDD((rdd, time) -> {
        if (time.milliseconds() == 2000) {
          throw new IllegalStateException("batch 2 fails");
        }
        rdd.count();
      });
      t.start();
      String url = t.ssc().sluiceContext().uiWebUrl().orElseThrow();
      var tracker = Internals.streaming().receiverTracker(t.ssc());
      Eventually.await("the receiver's two blocks", 20_000, () -> tracker.unallocatedRecords() == 5);
      assertTrue(t.ssc().awaitListenerEvents(10_000));

      // Before any batch: both blocks sit in the driver's store, each written to both logs.
      PrometheusText before = scrape(url);
      assertEquals(2, before.value("sluice_blocks{kind=\"stream\"}"));
      assertTrue(before.value("sluice_block_store_memory_bytes") > 0);
      assertEquals(2, before.value("sluice_wal_write_seconds_count{log=\"received_data\"}"));
      assertTrue(before.value("sluice_wal_write_seconds_count{log=\"received_block_metadata\"}") >= 2);
      assertEquals(1, before.value("sluice_streaming_receivers_up"));
      assertEquals(0, before.value("sluice_streaming_batches_completed_total"));

      t.runBatches(1);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      // The first batch took both blocks: 5 records in a 1 s batch.
      assertEquals(5, scrape(url).value("sluice_streaming_input_rate"));
      t.runBatches(2);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      PrometheusText after = scrape(url);

      assertEquals(3, seen.completed);
      assertEquals(seen.completed, after.value("sluice_streaming_batches_completed_total"));
      assertEquals(Set.of(2000L), seen.failed);
      assertEquals(seen.failed.size(), after.value("sluice_streaming_batches_failed_total"));
      assertHistogram(after, "sluice_streaming_scheduling_delay_seconds", seen.withSchedulingDelay);
      assertHistogram(after, "sluice_streaming_processing_time_seconds", seen.withProcessingDelay);
      assertHistogram(after, "sluice_streaming_total_delay_seconds", seen.withTotalDelay);

      Map<Integer, String> names = new TreeMap<>();
      for (InputSource input : Internals.streaming().graph(t.ssc()).inputs()) {
        names.put(input.inputId(), input.name());
      }
      // Queue streams report no record counts (as in Spark): the listener sees the receiver's only.
      assertEquals(Map.of(0, 5L), seen.records);
      for (var input : names.entrySet()) {
        assertEquals(seen.records.getOrDefault(input.getKey(), 0L).doubleValue(), after.value(
            "sluice_streaming_input_records_total{stream_id=\"" + input.getKey() + "\",stream_name=\"" + input.getValue()
            + "\"}"), input.getValue());
      }
      assertEquals(0, after.value("sluice_streaming_input_rate"), "the last batch had no records");
      assertEquals(3, after.value("sluice_streaming_last_completed_batch_time_seconds"), "the batch of 3000 ms");
      assertEquals(1, after.value("sluice_streaming_receivers"));
      assertEquals(1, after.value("sluice_streaming_receivers_up"));
      assertEquals(1, after.value("sluice_executors"));

      assertEquals("counter", after.types.get("sluice_streaming_batches_completed_total"));
      assertEquals("histogram", after.types.get("sluice_streaming_total_delay_seconds"));
      assertEquals("histogram", after.types.get("sluice_wal_write_seconds"));
      assertEquals("gauge", after.types.get("sluice_streaming_receivers_up"));
      assertEquals("gauge", after.types.get("jvm_memory_used_bytes"));
      assertTrue(after.value("jvm_memory_used_bytes{area=\"heap\"}") > 0);
      assertTrue(after.samples.keySet().stream().anyMatch(s -> s.startsWith("jvm_threads_current")));
    }
  }

  /** Every observation has a value, so the count, the +Inf bucket and the listener's number agree. */
  private static void assertHistogram(PrometheusText text, String name, int observations) {
    assertEquals(observations, text.value(name + "_count"), name);
    assertEquals(observations, text.value(name + "_bucket{le=\"+Inf\"}"), name);
    // The manual clock stands still during a batch: every delay is 0, in the first bucket.
    assertEquals(observations, text.value(name + "_bucket{le=\"0.005\"}"), name);
    assertEquals(0, text.value(name + "_sum"), name);
  }

  @Test
  void eachContextCountsFromZero() throws Exception {
    for (int run = 0; run < 2; run++) {
      try (ManualStreaming t = new ManualStreaming(withUi(ManualStreaming.conf("local[2]")), Durations.seconds(1))) {
        t.queueOf(List.of(List.of(1), List.of(2)), 1).foreachRDD(rdd -> {
          rdd.count();
        });
        t.start();
        t.runBatches(2);
        assertTrue(t.ssc().awaitListenerEvents(10_000));
        PrometheusText text = scrape(t.ssc().sluiceContext().uiWebUrl().orElseThrow());
        assertEquals(2, text.value("sluice_streaming_batches_completed_total"), "run " + run);
        assertEquals(0, text.value("sluice_streaming_receivers"));
        assertTrue(text.samples.keySet().stream().noneMatch(s -> s.startsWith("sluice_wal_write_seconds")),
            "no log written, no WAL series");
      }
    }
  }

  @Test
  void offWhenDisabled() throws Exception {
    SluiceConf conf = withUi(ManualStreaming.conf("local[2]")).set("sluice.metrics.enabled", "false");
    try (ManualStreaming t = new ManualStreaming(conf, Durations.seconds(1))) {
      t.queueOf(List.of(List.of(1)), 1).foreachRDD(rdd -> {
        rdd.count();
      });
      t.start();
      String url = t.ssc().sluiceContext().uiWebUrl().orElseThrow();
      assertEquals(404, get(url, "metrics").statusCode());
      assertEquals(200, get(url, "api/v1/application").statusCode(), "the rest of the UI stays on");
    }
  }
}
