package io.sluice.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Entry point of {@code bin/sluice-bench}: {@code BenchMain wordcount|window|state [flags]}.
 * Standard output carries exactly one JSON line; everything else goes to standard error. Exit
 * status: 0 when the counts are exact, 2 when they differ, 1 on a usage error or failure.
 */
public final class BenchMain {
  private BenchMain() {}

  /** The benchmarks by name, with the vocabulary size each uses unless told otherwise. */
  enum Benchmark {
    WORDCOUNT(Vocabulary.DEFAULT_SIZE) {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return WordCountBenchmark.run(options);
      }
    },
    WINDOW(WindowBenchmark.DEFAULT_VOCABULARY) {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return WindowBenchmark.run(options);
      }
    },
    STATE(StateBenchmark.DEFAULT_VOCABULARY) {
      @Override
      BenchmarkResult run(WordCountOptions options) throws Exception {
        return StateBenchmark.run(options);
      }
    };

    final int defaultVocabulary;

    Benchmark(int defaultVocabulary) {
      this.defaultVocabulary = defaultVocabulary;
    }

    abstract BenchmarkResult run(WordCountOptions options) throws Exception;

    /** The benchmark called {@code name} on the command line, if any. */
    static Optional<Benchmark> named(String name) {
      return Arrays.stream(values()).filter(b -> b.name().toLowerCase(Locale.ROOT).equals(name))
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
    WordCountOptions options;
    try {
      options = WordCountOptions.parse(Arrays.copyOfRange(args, 1, args.length),
          Optional.ofNullable(System.getProperty("sluice.master")), benchmark.get().defaultVocabulary);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("Usage: " + WordCountOptions.USAGE);
      System.exit(1);
      return;
    }
    try {
      BenchmarkResult result = benchmark.get().run(options);
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
