package io.sluice.bench;

import io.sluice.core.SluiceConf;
import io.sluice.examples.NetworkWordCount;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.StreamingContextState;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput, latency and exactness of the socket word count. A {@link FullSpeedLineServer}
 * feeds {@code socketTextStream}; {@link NetworkWordCount#countWords} counts each batch and a
 * {@code foreachRDD} adds the counts up on the driver. After the measured time the server stops
 * writing, the stream is given time to take in every line, the context stops gracefully, and the
 * totals must equal exactly what the server wrote.
 */
public final class WordCountBenchmark {
  private static final Logger log = LoggerFactory.getLogger(WordCountBenchmark.class);
  private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private WordCountBenchmark() {}

  /** Runs the benchmark; blocks for about warm-up + measured time + drain time. */
  public static WordCountResult run(WordCountOptions options) throws Exception {
    DriverTally tally = DriverTally.create();
    BatchCollector batches = new BatchCollector();
    try (FullSpeedLineServer server = new FullSpeedLineServer(options.seed(), options.rate())) {
      SluiceConf conf = new SluiceConf().setAppName("WordCountBenchmark").setMaster(options.master())
          .set("sluice.streaming.backpressure.enabled", String.valueOf(options.backpressure()));
      StreamingContext ssc = new StreamingContext(conf, Durations.milliseconds(options.batchMs()));
      try {
        ssc.addStreamingListener(batches);
        String tallyId = tally.id();
        NetworkWordCount.countWords(ssc.socketTextStream(server.host(), server.port()))
            .foreachRDD(rdd -> DriverTally.add(tallyId, rdd.collect()));
        ssc.start();
        log.info("Streaming from {}:{} on {}; warming up for {} ms", server.host(), server.port(),
            options.master(), options.warmupMs());
        TimeUnit.MILLISECONDS.sleep(options.warmupMs());
        int firstMeasured = batches.completedCount();
        TimeUnit.MILLISECONDS.sleep(options.measureMs());
        int endMeasured = batches.completedCount();

        FullSpeedLineServer.Written written = server.stopWriting(WRITER_STOP_TIMEOUT);
        log.info("Server wrote {} lines ({} words) over {} connection(s); draining",
            written.lines(), written.words(), server.connections());
        awaitDrained(written, batches, tally);
        // Graceful: batches already holding received lines finish before the context stops.
        ssc.stop(true, true);

        LatencyStats stats = LatencyStats.of(batches.completedBetween(firstMeasured, endMeasured),
            options.batchMs());
        Map<String, Long> counted = tally.snapshot();
        int mismatched = countMismatches(written.wordCounts(), counted);
        boolean exact = written.lines() > 0 && mismatched == 0;
        if (!exact) {
          log.error("Counts differ: server wrote {} words, stream counted {}; {} word(s) differ",
              written.words(), tally.totalWords(), mismatched);
        }
        return new WordCountResult(options, written.lines(), written.words(), tally.totalWords(),
            batches.recordsSubmitted(), server.connections(), mismatched, exact, stats);
      } finally {
        if (ssc.getState() != StreamingContextState.STOPPED) {
          ssc.stop(true, false);
        }
      }
    } finally {
      tally.release();
    }
  }

  /**
   * Waits until the stream has put every written line into a batch (or, should the engine count
   * records differently, until the counted words reach the written ones), at most
   * {@link #DRAIN_TIMEOUT}. Stopping earlier would cut the receiver off from lines still in the
   * socket.
   */
  private static void awaitDrained(FullSpeedLineServer.Written written, BatchCollector batches,
      DriverTally tally) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (batches.recordsSubmitted() < written.lines() && tally.totalWords() < written.words()) {
      if (System.nanoTime() > deadline) {
        log.warn("Gave up waiting after {}: {} of {} lines reached a batch", DRAIN_TIMEOUT,
            batches.recordsSubmitted(), written.lines());
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static int countMismatches(Map<String, Long> expected, Map<String, Long> actual) {
    Set<String> words = new HashSet<>(expected.keySet());
    words.addAll(actual.keySet());
    int mismatched = 0;
    for (String word : words) {
      if (!Objects.equals(expected.get(word), actual.get(word))) {
        if (mismatched < 5) {
          log.error("Word '{}': wrote {}, counted {}", word, expected.get(word), actual.get(word));
        }
        mismatched++;
      }
    }
    return mismatched;
  }
}
