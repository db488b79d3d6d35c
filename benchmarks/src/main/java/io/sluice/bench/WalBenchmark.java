package io.sluice.bench;

import io.sluice.core.SluiceConf;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the receiver's write-ahead log costs the socket word count. The {@code wordcount}
 * benchmark's pipeline runs twice in one JVM, first with the log off, then on, each with a fresh
 * context, server and temporary checkpoint directory on the local file system (so the runs differ
 * only in the log), the same settings, and a pause between them for the garbage collector to
 * settle. Each run's counts are checked to be exact; {@link WalResult} reports both and the cost.
 */
public final class WalBenchmark {
  private static final Logger log = LoggerFactory.getLogger(WalBenchmark.class);
  static final String WAL_ENABLED = "sluice.streaming.receiver.writeAheadLog.enable";
  /**
   * In {@code --max} mode the receiver may get well ahead of processing; the graceful stop must
   * wait for the backlog, or the counts could not be exact.
   */
  static final String GRACEFUL_STOP_TIMEOUT = "sluice.streaming.gracefulStopTimeout";
  static final Duration MAX_MODE_STOP_TIMEOUT = Duration.ofMinutes(5);
  static final Duration PAUSE = Duration.ofSeconds(5);

  private WalBenchmark() {}

  /** Runs both; blocks for about twice warm-up + measured time + drain time, plus the pause. */
  public static WalResult run(WalOptions options) throws Exception {
    WalRun off = runOnce(options, false);
    settle();
    WalRun on = runOnce(options, true);
    return new WalResult(options, PAUSE.toMillis(), off, on);
  }

  private static WalRun runOnce(WalOptions options, boolean walEnabled) throws Exception {
    String label = walEnabled ? "WAL on" : "WAL off";
    log.info("{} ({} mode)", label, options.modeName());
    Consumer<SluiceConf> configure = conf -> {
      conf.set(WAL_ENABLED, String.valueOf(walEnabled));
      if (options.max()) {
        conf.set(GRACEFUL_STOP_TIMEOUT, MAX_MODE_STOP_TIMEOUT.toMillis() + "ms");
      }
    };
    try (DriverTally tally = DriverTally.create();
         TempCheckpointDir checkpoint = new TempCheckpointDir("sluice-bench-wal-")) {
      Measurement measured = SocketBenchmarkRunner.run("WalBenchmark-" + (walEnabled ? "on" : "off"),
          options.run(), Optional.of(checkpoint.path().toString()),
          new WordCountBenchmark.Pipeline(tally), configure);
      CountDiff diff = CountDiff.between(measured.written().wordCounts(), tally.snapshot());
      WalRun run = new WalRun(measured, tally.totalWords(), diff.mismatched());
      if (!run.exact()) {
        log.error("{}: counts differ: server wrote {} words, stream counted {}; {} word(s) differ,"
            + " e.g. {}", label, measured.written().words(), tally.totalWords(), diff.mismatched(),
            diff.examples());
      }
      log.info("{}: {}", label, run.toJson(options.run().measureMs()));
      return run;
    }
  }

  /** Lets the first run's garbage and threads go before the second run starts. */
  private static void settle() throws InterruptedException {
    System.gc();
    TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
    System.gc();
  }
}
