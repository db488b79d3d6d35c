package io.sluice.internal.access;

import io.sluice.internal.streaming.DStreamGraph;
import io.sluice.internal.streaming.StreamingRuntime;
import io.sluice.internal.streaming.scheduler.ReceiverTracker;
import io.sluice.internal.util.Clock;
import io.sluice.streaming.StreamingContext;
import java.util.Optional;

/** The engine-only members of {@link StreamingContext}; see {@link Internals}. */
public interface StreamingAccess {
  DStreamGraph graph(StreamingContext ssc);

  Clock clock(StreamingContext ssc);

  /** The receiver tracker of the started context; fails when it has not been started. */
  ReceiverTracker receiverTracker(StreamingContext ssc);

  /** The running engine, once the context has been started. */
  Optional<StreamingRuntime> runtime(StreamingContext ssc);

  /** Fails unless streams and outputs may still be defined (the context has not started). */
  void checkDefinable(StreamingContext ssc, String action);
}
