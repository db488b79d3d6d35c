package io.sluice.bench;

import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every completed batch (and logs it to standard error) and counts the records of every
 * submitted one. Listener events
 * arrive on the engine's thread; the benchmark reads from its own, hence the synchronisation.
 */
final class BatchCollector implements StreamingListener {
  private static final Logger log = LoggerFactory.getLogger(BatchCollector.class);

  private final List<LatencyStats.BatchSample> completed = new ArrayList<>();
  private final AtomicLong recordsSubmitted = new AtomicLong();

  @Override
  public void onBatchSubmitted(BatchInfo batch) {
    recordsSubmitted.addAndGet(batch.numRecords());
  }

  @Override
  public void onBatchCompleted(BatchInfo batch) {
    LatencyStats.BatchSample sample = new LatencyStats.BatchSample(batch.batchTime().milliseconds(),
        batch.numRecords(), batch.processingDelay().orElse(0L), batch.totalDelay().orElse(0L));
    synchronized (completed) {
      completed.add(sample);
    }
    log.info("Batch {}: {} records, processing {} ms, total delay {} ms", sample.batchTimeMs(), sample.records(),
        sample.processingMs(), sample.totalDelayMs());
  }

  /** Records (lines) in all batches submitted so far: once it reaches what the server wrote, the
   *  receiver has handed everything to batches. */
  long recordsSubmitted() {
    return recordsSubmitted.get();
  }

  /** How many batches have completed so far; a position for {@link #completedBetween}. */
  int completedCount() {
    synchronized (completed) {
      return completed.size();
    }
  }

  /** The batches that completed after position {@code from} and up to position {@code to}. */
  List<LatencyStats.BatchSample> completedBetween(int from, int to) {
    synchronized (completed) {
      return new ArrayList<>(completed.subList(from, Math.min(to, completed.size())));
    }
  }
}
