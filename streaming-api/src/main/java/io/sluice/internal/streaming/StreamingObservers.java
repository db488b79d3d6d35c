package io.sluice.internal.streaming;

import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.metrics.DriverMetrics;
import io.sluice.internal.metrics.StreamingMetrics;
import io.sluice.internal.streaming.scheduler.StreamingListenerBus;
import io.sluice.internal.ui.StreamingUiListener;
import io.sluice.internal.util.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Connects what watches a starting streaming context to its listener bus: the web UI's listener, the
 * event log's and the metrics'. Called before the runtime starts, so each hears every event from the
 * first one; all three count from the same events a user's StreamingListener gets.
 */
public final class StreamingObservers {
  private StreamingObservers() {}

  public static void attach(SluiceContext sc, DStreamGraph graph, StreamingRuntime runtime, StreamingListenerBus bus,
                            Clock clock) {
    Map<Integer, String> inputNames = new TreeMap<>();
    Map<Integer, String> receiverStreams = new TreeMap<>();
    graph.inputs().forEach(input -> {
      inputNames.put(input.inputId(), input.name());
      if (input.receiver().isPresent()) {
        receiverStreams.put(input.inputId(), input.name());
      }
    });
    long batchIntervalMs = graph.batchDuration().milliseconds();
    int retainedBatches = SluiceOptions.STREAMING_UI_RETAINED_BATCHES.get(sc.conf());
    Internals.context().ui(sc).ifPresent(ui -> {
      StreamingUiListener listener = new StreamingUiListener(batchIntervalMs, receiverStreams, clock, retainedBatches);
      runtime.checkpointStatus().ifPresent(listener::watchCheckpoints);
      bus.addListener(listener);
      ui.attachStreaming(listener);
    });
    Internals.context().eventLog(sc).ifPresent(eventLog ->
        bus.addListener(eventLog.streamingListener(batchIntervalMs, receiverStreams, retainedBatches, clock)));
    DriverMetrics.of(sc).ifPresent(metrics -> {
      Set<Integer> receiverIds = new TreeSet<>(receiverStreams.keySet());
      StreamingMetrics streaming = new StreamingMetrics(batchIntervalMs, inputNames, receiverIds);
      runtime.checkpointStatus().ifPresent(streaming::watchCheckpoints);
      bus.addListener(streaming);
      metrics.attachStreaming(streaming);
    });
  }
}
