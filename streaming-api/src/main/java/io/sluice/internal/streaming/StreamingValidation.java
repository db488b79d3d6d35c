package io.sluice.internal.streaming;

import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.streaming.dstream.ForEachDStream;

/** Start-time checks of a DStream graph that need the engine. */
public final class StreamingValidation {
  private StreamingValidation() {}

  /**
   * Serializes every output operation with the closure serializer, which serializes the streams it
   * reads and all user functions in them, so a function that cannot be shipped to executors (or
   * written to a checkpoint) fails at start, naming the class, not at the first batch.
   */
  public static void checkGraphSerializable(DStreamGraph graph, SluiceContext sc) {
    for (ForEachDStream<?> output : graph.outputs()) {
      try {
        Internals.context().closureSerializer(sc).serialize(output);
      } catch (SluiceException e) {
        throw new SluiceException("The DStream graph of " + output + " is not serializable: " + e.getMessage(), e);
      }
    }
  }
}
