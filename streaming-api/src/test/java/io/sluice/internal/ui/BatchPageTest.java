package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.streaming.Time;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchPageTest {
  private static final ApplicationInfo APP = new ApplicationInfo("app <b>", "local[2]", 0);

  private static BatchDetail detail() {
    BatchInfo info = new BatchInfo(new Time(2000), Map.of(0, 7L, 3, 2L), 2000, Optional.of(2010L), Optional.of(2250L));
    BatchRow row = new BatchRow(info, BatchRow.Status.COMPLETED, 0, Optional.empty())
        .withFailure("java.lang.IllegalStateException: <script>alert(1)</script>");
    return new BatchDetail(row, List.of(
        new OutputOperationInfo(new Time(2000), 0, "foreachRDD at <Job>", Optional.of(2010L), Optional.of(2100L),
            Optional.empty()),
        new OutputOperationInfo(new Time(2000), 1, "saveAsTextFiles", Optional.of(2100L), Optional.of(2250L),
            Optional.of("java.lang.IllegalStateException: <script>alert(1)</script>\n\tat Job.run"))));
  }

  @Test
  void showsTimesInputsAndOperationsWithEveryTextEscaped() {
    String html = BatchPage.render(APP, detail(), Map.of(0, "socket \"in\""), "../");
    assertFalse(html.contains("<script>alert"), "an error message is text, never markup: " + html);
    assertFalse(html.contains("<b>"), html);
    assertTrue(html.contains("<pre>java.lang.IllegalStateException: &lt;script&gt;alert(1)&lt;/script&gt;\n\tat Job.run</pre>"),
        html);
    assertTrue(html.contains("<td>foreachRDD at &lt;Job&gt;</td>"), html);
    assertTrue(html.contains("<td class=\"n\">90 ms</td><td>succeeded</td>"), html);
    assertTrue(html.contains("<td class=\"n\">150 ms</td><td class=\"failed\">failed</td>"), html);
    assertTrue(html.contains("<dt>Scheduling delay</dt><dd>10 ms</dd>"), html);
    assertTrue(html.contains("<dt>Total delay</dt><dd>250 ms</dd>"), html);
    assertTrue(html.contains("<td>socket &quot;in&quot;</td><td class=\"n\">7</td>"), html);
    assertTrue(html.contains("<td class=\"n\">3</td><td></td><td class=\"n\">2</td>"), "unnamed stream: " + html);
    assertTrue(html.contains("href=\"../api/v1/streaming/batches/2000\""), html);
    assertTrue(html.contains("<a href=\"./\">"), html);
    DriverUiTest.assertNoAbsoluteLinks(html);
  }

  @Test
  void theJsonCarriesTheOperations() {
    String json = ApiJson.batch(detail());
    assertTrue(json.startsWith("{\"batchTime\":2000,\"batchTimeIso\":\"1970-01-01T00:00:02Z\",\"status\":\"completed\","
        + "\"inputSize\":9,\"schedulingDelayMs\":10,\"processingTimeMs\":240,\"totalDelayMs\":250,"
        + "\"numFailedOutputOps\":1,"), json);
    assertTrue(json.contains("\"submissionTime\":2000,\"processingStartTime\":2010,\"processingEndTime\":2250,"
        + "\"streams\":[{\"streamId\":0,\"records\":7},{\"streamId\":3,\"records\":2}],\"outputOperations\":["
        + "{\"id\":0,\"name\":\"foreachRDD at <Job>\",\"status\":\"succeeded\",\"startTime\":2010,\"endTime\":2100,"
        + "\"durationMs\":90,\"failureReason\":null},{\"id\":1,"), json);
    assertEquals(ApiJson.operations(detail()), json.substring(json.indexOf("\"outputOperations\":") + 19,
        json.length() - 1));
  }
}
