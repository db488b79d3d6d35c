package io.sluice.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code bin/sluice-bench}: {@code BenchMain wordcount|window|state|sql|kafka|wal|wal-log [flags]}.
 * Standard output carries exactly one JSON line; everything else goes to standard error. Exit
 * status: 0 when the counts are exact, 2 when they differ, 1 on a usage error or failure.
 */
public final class BenchMain {
  private BenchMain() {}

  /** The benchmarks by name; all take the same {@link Workload} flags (default {@link Workload#DEFAULT}). */
  enum Benchmark {
    WORDCOUNT {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return WordCountBenchmark.run(options);
      }
    },
    WINDOW {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return WindowBenchmark.run(options);
      }
    },
    STATE {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return StateBenchmark.run(options);
      }
    },
    SQL {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return SqlBenchmark.run(options);
      }
    },
    KAFKA {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return KafkaBenchmark.run(options);
      }
    },
    WAL {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return WalBenchmark.run(new WalOptions(options, false));
      }

      /** Also takes {@code --max}; see {@link WalOptions#parse}. */
      @Override
      Callable<BenchmarkResult> prepare(String[] flags, Optional<String> masterProperty) {
        WalOptions options = WalOptions.parse(flags, masterProperty);
        return () -> WalBenchmark.run(options);
      }
    },
    /** {@code wal-log}: the write-ahead log alone, no stream; flags of its own ({@link WalLogOptions}). */
    WAL_LOG {
      @Override
      BenchmarkResult run(WordCountOptions options) {
        throw new UnsupportedOperationException("wal-log takes its own flags");
      }

      @Override
      Callable<BenchmarkResult> prepare(String[] flags, Optional<String> masterProperty) {
        WalLogOptions options = WalLogOptions.parse(flags);
        return () -> WalLogBenchmark.run(options);
      }
    };

    abstract BenchmarkResult run(WordCountOptions options) throws Exception;

    /**
     * Parses the benchmark's flags into the run to do.
     *
     * @throws IllegalArgumentException naming the bad flag or value
     */
    Callable<BenchmarkResult> prepare(String[] flags, Optional<String> masterProperty) {
      WordCountOptions options = WordCountOptions.parse(flags, masterProperty);
      return () -> run(options);
    }

    /** The benchmark called {@code name} on the command line, if any. */
    static Optional<Benchmark> named(String name) {
      return Arrays.stream(values()).filter(b -> b.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(name))
          .findFirst();
    }
  }

  public static void main(String[] args) {
    // Before any logging or engine class loads: a stray println must not corrupt the JSON line.
    PrintStream resultOut = System.out;
    System.setOut(System.err);
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
    }

    Optional<Benchmark> benchmark = args.length == 0 ? Optional.empty() : Benchmark.named(args[0]);
    if (benchmark.isEmpty()) {
      System.err.println("Usage: " + WordCountOptions.USAGE);
      System.exit(1);
    }
    Callable<BenchmarkResult> run;
    try {
      run = benchmark.get().prepare(Arrays.copyOfRange(args, 1, args.length),
          Optional.ofNullable(System.getProperty("sluice.master")));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("Usage: " + WordCountOptions.USAGE);
      System.exit(1);
      return;
    }
    try {
      BenchmarkResult result = run.call();
      resultOut.println(result.toJson());
      resultOut.flush();
      System.exit(result.exact() ? 0 : 2);
    } catch (Exception e) {
      System.err.println("Benchmark failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }
}
