package io.sluice.bench;

import io.sluice.core.SluiceConf;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.StreamingContextState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run shared by the socket word-count benchmarks. A {@link FullSpeedLineServer} feeds
 * {@code socketTextStream}, the benchmark's {@link BenchmarkPipeline} processes the lines, and a
 * {@link BatchCollector} times every batch. After the warm-up, batches are measured for the
 * measured time; then the server stops writing, the stream is given time to take in every line,
 * and the context stops gracefully, so the pipeline's outputs hold everything that was written.
 */
final class SocketBenchmarkRunner {
  private static final Logger log = LoggerFactory.getLogger(SocketBenchmarkRunner.class);
  private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private SocketBenchmarkRunner() {}

  /**
   * Runs {@code pipeline}; blocks for about warm-up + measured time + drain time.
   *
   * @param checkpointDir the streaming checkpoint directory, which stateful pipelines need
   */
  static Measurement run(String appName, WordCountOptions options, Optional<String> checkpointDir,
      BenchmarkPipeline pipeline) throws Exception {
    return run(appName, options, checkpointDir, pipeline, conf -> { });
  }

  /**
   * As {@link #run(String, WordCountOptions, Optional, BenchmarkPipeline)}, with {@code configure}
   * setting further keys on the context's configuration (after the runner's own) before it starts.
   */
  static Measurement run(String appName, WordCountOptions options, Optional<String> checkpointDir,
      BenchmarkPipeline pipeline, Consumer<SluiceConf> configure) throws Exception {
    BatchCollector batches = new BatchCollector();
    try (FullSpeedLineServer server = new FullSpeedLineServer(options.workload(),
        options.seed(), options.rate())) {
      SluiceConf conf = new SluiceConf().setAppName(appName).setMaster(options.master())
          .set("sluice.streaming.backpressure.enabled", String.valueOf(options.backpressure()))
          .set("sluice.streaming.blockInterval", options.blockMs() + "ms");
      configure.accept(conf);
      StreamingContext ssc = new StreamingContext(conf, Durations.milliseconds(options.batchMs()));
      try {
        ssc.addStreamingListener(batches);
        checkpointDir.ifPresent(ssc::checkpoint);
        pipeline.define(ssc.socketTextStream(server.host(), server.port()));
        ssc.start();
        log.info("{}: streaming from {}:{} on {} ({}); warming up for {} ms", appName,
            server.host(), server.port(), options.master(), options.workload(), options.warmupMs());
        TimeUnit.MILLISECONDS.sleep(options.warmupMs());
        int firstMeasured = batches.completedCount();
        long receivedBefore = batches.recordsSubmitted();
        long cpuBefore = CpuMeter.engineNanos();
        TimeUnit.MILLISECONDS.sleep(options.measureMs());
        int endMeasured = batches.completedCount();
        double cpuSeconds = (CpuMeter.engineNanos() - cpuBefore) / 1e9;
        long receivedWhileMeasuring = batches.recordsSubmitted() - receivedBefore;

        FullSpeedLineServer.Written written = server.stopWriting(WRITER_STOP_TIMEOUT);
        log.info("Server wrote {} lines ({} words) over {} connection(s); draining",
            written.lines(), written.words(), server.connections());
        awaitDrained(written, batches, pipeline);
        // Graceful: batches already holding received lines finish before the context stops.
        ssc.stop(true, true);

        LatencyStats stats = LatencyStats.of(batches.completedBetween(0, endMeasured), firstMeasured, endMeasured,
            options.batchMs());
        return new Measurement(written, batches.recordsSubmitted(), server.connections(), stats,
            receivedWhileMeasuring, cpuSeconds);
      } finally {
        if (ssc.getState() != StreamingContextState.STOPPED) {
          ssc.stop(true, false);
        }
      }
    }
  }

  /**
   * Waits until the stream has put every written line into a batch (or the pipeline counted every
   * written word), at most {@link #DRAIN_TIMEOUT}. Stopping earlier would cut the receiver off
   * from lines still in the socket.
   */
  private static void awaitDrained(FullSpeedLineServer.Written written, BatchCollector batches,
      BenchmarkPipeline pipeline) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (batches.recordsSubmitted() < written.lines() && pipeline.wordsCounted() < written.words()) {
      if (System.nanoTime() > deadline) {
        log.warn("Gave up waiting after {}: {} of {} lines reached a batch", DRAIN_TIMEOUT,
            batches.recordsSubmitted(), written.lines());
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
