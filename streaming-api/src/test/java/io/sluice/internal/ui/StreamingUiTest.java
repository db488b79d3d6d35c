package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.Durations;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.testing.Eventually;
import io.sluice.testing.ManualStreaming;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The streaming part of the UI after batches driven by the manual clock (batch interval 1 s, so
 * the batches are at 1000 and 2000 ms), read over HTTP like a browser or the YARN proxy would.
 */
class StreamingUiTest {

  /** Stores three records as one block, then reports an error; stores nothing more. */
  static final class ThreeAndAnError extends Receiver<String> {
    private static final long serialVersionUID = 1L;
    ThreeAndAnError() {
      super(StorageLevel.MEMORY_ONLY);
    }

    @Override
    public void onStart() {
      Thread t = new Thread(() -> {
        store(List.of("a", "b", "c"));
        reportError("source <flaky> & slow", null);
      }, "three-and-an-error");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void onStop() {}
  }

  private static ManualStreaming streaming(String appName) {
    return new ManualStreaming(UiHttp.withUi(ManualStreaming.conf("local[2]").setAppName(appName)), Durations.seconds(1));
  }

  @Test
  void receiverStreamBatchesReceiversAndStatistics() throws Exception {
    try (ManualStreaming t = streaming("receiver-ui")) {
      t.ssc().receiverStream(new ThreeAndAnError()).foreachRDD(rdd -> {
        rdd.count();
      });
      t.start();
      var tracker = Internals.streaming().receiverTracker(t.ssc());
      Eventually.await("the receiver's block", 20_000, () -> tracker.unallocatedRecords() == 3);
      t.runBatches(2);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      String url = t.ssc().sluiceContext().uiWebUrl().orElseThrow();

      String batches = UiHttp.body(url, "api/v1/streaming/batches");
      List<String> rows = objects(batches);
      assertEquals(2, rows.size(), batches);
      assertTrue(rows.get(0).startsWith("{\"batchTime\":2000,\"batchTimeIso\":\"1970-01-01T00:00:02Z\","
          + "\"status\":\"completed\",\"inputSize\":0,"), rows.get(0));
      assertTrue(rows.get(1).startsWith("{\"batchTime\":1000,\"batchTimeIso\":\"1970-01-01T00:00:01Z\","
          + "\"status\":\"completed\",\"inputSize\":3,"), rows.get(1));
      for (String row : rows) {
        // The manual clock does not move during a batch: every delay is 0 ms.
        assertTrue(row.contains("\"schedulingDelayMs\":0,\"processingTimeMs\":0,\"totalDelayMs\":0,"
            + "\"numFailedOutputOps\":0,\"firstFailureReason\":null}"), row);
      }

      String receivers = UiHttp.body(url, "api/v1/streaming/receivers");
      assertTrue(receivers.matches("\\[\\{\"streamId\":0,\"name\":\"[^\"]+\",\"active\":true,\"location\":\"driver\","
          + "\"avgEventRate\":1.5,\"lastError\":\"source <flaky> & slow\",\"lastErrorTime\":\\d+}]"), receivers);

      String stats = UiHttp.body(url, "api/v1/streaming/statistics");
      assertTrue(stats.startsWith("{\"streaming\":true,\"startTime\":0,\"batchIntervalMs\":1000,\"numReceivers\":1,"
          + "\"numActiveReceivers\":1,\"numInactiveReceivers\":0,\"numTotalCompletedBatches\":2,"
          + "\"numRetainedCompletedBatches\":2,\"numQueuedBatches\":0,\"numProcessingBatches\":0,"
          + "\"numReceivedRecords\":3,\"avgInputRate\":1.5,"), stats);

      String html = UiHttp.body(url, "");
      assertTrue(html.contains("<title>Sluice Streaming \u2014 receiver-ui</title>"), html);
      assertTrue(html.contains("<tr id=\"batch-1000\"><td><a href=\"batch?time=1000\">1970-01-01T00:00:01Z</a></td>"
          + "<td class=\"n\">3</td><td class=\"n\">0 ms</td>"
          + "<td class=\"n\">0 ms</td><td class=\"n\">0 ms</td><td>completed</td><td class=\"n\">0</td></tr>"), html);
      assertTrue(html.contains("<dt>Batches completed</dt><dd>2</dd>"), html);
      assertTrue(html.contains("<dt>Receivers active / total</dt><dd>1 / 1</dd>"), html);
      assertTrue(html.contains("<dt>Avg input rate</dt><dd>1.5 records/s</dd>"), html);
      assertTrue(html.contains("<td>active</td><td>driver</td><td class=\"n\">1.5 records/s</td><td><svg "), html);
      assertTrue(html.contains("<title>latest (1970-01-01T00:00:02Z): 0.0 records/s</title>"), "sparkline: " + html);
      assertTrue(html.contains("</svg></td><td class=\"failed\">source &lt;flaky&gt; &amp; slow (at "), html);
      DriverUiTest.assertNoAbsoluteLinks(html);
    }
  }

  @Test
  void failedOutputOperationsAreCountedPerBatch() throws Exception {
    try (ManualStreaming t = streaming("failing-ui")) {
      t.queueOf(List.of(List.of(1, 2), List.of(3)), 1).foreachRDD((rdd, time) -> {
        if (time.milliseconds() == 2000) {
          throw new IllegalStateException("no \"quotes\" please");
        }
        rdd.count();
      });
      t.start();
      t.runBatches(2);
      assertTrue(t.ssc().awaitListenerEvents(10_000));
      String url = t.ssc().sluiceContext().uiWebUrl().orElseThrow();

      List<String> rows = objects(UiHttp.body(url, "api/v1/streaming/batches"));
      assertEquals(2, rows.size());
      assertTrue(rows.get(0).contains("\"batchTime\":2000,") && rows.get(0).contains("\"numFailedOutputOps\":1,"
          + "\"firstFailureReason\":\""), rows.get(0));
      assertTrue(rows.get(0).contains("no \\\"quotes\\\" please"), "escaped in JSON: " + rows.get(0));
      assertTrue(rows.get(1).contains("\"batchTime\":1000,") && rows.get(1).contains("\"numFailedOutputOps\":0,"),
          rows.get(1));
      assertEquals("[]", UiHttp.body(url, "api/v1/streaming/receivers"), "a queue stream has no receiver");
      assertTrue(UiHttp.body(url, "api/v1/application").contains("\"streaming\":true"));
      String html = UiHttp.body(url, "");
      assertTrue(html.contains("<td class=\"n failed\" title=\""), html);
      assertTrue(html.contains("No receiver-based input streams."), html);

      String page = UiHttp.body(url, "batch?time=2000");
      assertTrue(page.contains("<td>failed</td>") || page.contains("<td class=\"failed\">failed</td>"), page);
      assertTrue(page.contains("no &quot;quotes&quot; please"), page);
      assertTrue(UiHttp.body(url, "streaming/batch?time=1000").contains("<td class=\"n\">0 ms</td><td>succeeded</td>"));
      String ops = UiHttp.body(url, "api/v1/streaming/batches/2000/operations");
      assertTrue(ops.startsWith("[{\"id\":0,\"name\":\"") && ops.contains("\"status\":\"failed\""), ops);
      assertTrue(UiHttp.body(url, "api/v1/streaming/batches/1000").contains("\"outputOperations\":[{\"id\":0,"));
      assertEquals(404, UiHttp.get(url, "api/v1/streaming/batches/3000").statusCode(), "never ran");
      assertEquals(404, UiHttp.get(url, "batch?time=3000").statusCode());
      assertEquals(400, UiHttp.get(url, "batch?time=soon").statusCode());
    }
  }

  /** The top-level objects of a JSON array of flat objects (our rows hold no nested objects). */
  private static List<String> objects(String array) {
    Matcher m = Pattern.compile("\\{(?:[^{}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*}").matcher(array);
    return m.results().map(r -> r.group()).toList();
  }
}
