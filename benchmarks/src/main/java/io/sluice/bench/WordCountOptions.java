package io.sluice.bench;

import java.util.Optional;

/**
 * Settings of one run of a socket word-count benchmark ({@code wordcount}, {@code window},
 * {@code state}, or each of {@code wal}'s two).
 *
 * @param master where to run, e.g. {@code local[2]}
 * @param batchMs the batch interval
 * @param warmupMs how long the stream runs before batches are measured
 * @param measureMs how long batches are measured
 * @param rate lines per second the server writes per connection; 0 for as fast as possible
 * @param seed seeds the server's choice of words
 * @param backpressure whether the engine throttles the receiver to what it can process; with it,
 *     an unpaced server is slowed by TCP flow control instead of filling the receiver's memory
 * @param workload the words the server's lines are made of and how often each is drawn
 */
public record WordCountOptions(String master, long batchMs, long warmupMs, long measureMs, int rate,
                               long seed, boolean backpressure, Workload workload) {
  public static final String USAGE = "sluice-bench wordcount|window|state|kafka|wal|wal-log [--seconds N]"
      + " [--warmup N] [--master MASTER] [--rate LINES_PER_S] [--batch-ms MS] [--seed N]"
      + " [--backpressure on|off] [--vocabulary WORDS] [--zipf S] [--max (wal only)]   or: sluice-bench " + WalLogOptions.USAGE;
  static final String DEFAULT_MASTER = "local[2]";

  public WordCountOptions {
    if (batchMs <= 0 || warmupMs < 0 || measureMs < batchMs || rate < 0 || workload == null) {
      throw new IllegalArgumentException("need batch-ms > 0, warmup >= 0, rate >= 0, a workload"
          + " and a measured time of at least one batch");
    }
  }

  /** Settings with the {@linkplain Workload#DEFAULT default workload}. */
  public WordCountOptions(String master, long batchMs, long warmupMs, long measureMs, int rate,
                          long seed, boolean backpressure) {
    this(master, batchMs, warmupMs, measureMs, rate, seed, backpressure, Workload.DEFAULT);
  }

  /**
   * Parses command-line flags. The master defaults to {@code masterProperty} (the
   * {@code sluice.master} system property) when set, else {@value #DEFAULT_MASTER}; the workload
   * to {@link Workload#DEFAULT}.
   *
   * @throws IllegalArgumentException naming the bad flag or value
   */
  public static WordCountOptions parse(String[] args, Optional<String> masterProperty) {
    String master = masterProperty.orElse(DEFAULT_MASTER);
    long batchMs = 1000;
    long warmupSeconds = 5;
    long seconds = 30;
    int rate = 0;
    long seed = 42;
    boolean backpressure = true;
    int vocabulary = Workload.DEFAULT.vocabularySize();
    double zipf = Workload.DEFAULT.zipf();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[i + 1];
      switch (flag) {
        case "--master" -> master = value;
        case "--batch-ms" -> batchMs = number(flag, value);
        case "--warmup" -> warmupSeconds = number(flag, value);
        case "--seconds" -> seconds = number(flag, value);
        case "--rate" -> rate = intNumber(flag, value);
        case "--seed" -> seed = number(flag, value);
        case "--backpressure" -> backpressure = onOff(flag, value);
        case "--vocabulary" -> vocabulary = intNumber(flag, value);
        case "--zipf" -> zipf = decimal(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new WordCountOptions(master, batchMs, warmupSeconds * 1000, seconds * 1000, rate, seed,
        backpressure, new Workload(vocabulary, zipf));
  }

  private static boolean onOff(String flag, String value) {
    return switch (value) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new IllegalArgumentException(flag + " needs on or off, got '" + value + "'");
    };
  }

  private static int intNumber(String flag, String value) {
    long n = number(flag, value);
    if (n != (int) n) {
      throw new IllegalArgumentException(flag + " is too large: " + value);
    }
    return (int) n;
  }

  private static double decimal(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
    }
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
    }
  }

  /**
   * The receivers' block interval: the engine's default of 200 ms, or the batch interval when that
   * is shorter (blocks reach batches once per block interval, so longer ones would empty most batches).
   */
  public long blockMs() {
    return Math.min(200, batchMs);
  }
}
