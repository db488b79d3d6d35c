package io.sluice.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of {@code bin/sluice-bench}: {@code BenchMain wordcount [flags]}. Standard output
 * carries exactly one JSON line; everything else goes to standard error. Exit status: 0 when the
 * counts are exact, 2 when they differ, 1 on a usage error or failure.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    // Before any logging or engine class loads: a stray println must not corrupt the JSON line.
    PrintStream resultOut = System.out;
    System.setOut(System.err);
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
    }

    if (args.length == 0 || !args[0].equals("wordcount")) {
      System.err.println("Usage: " + WordCountOptions.USAGE);
      System.exit(1);
    }
    WordCountOptions options;
    try {
      options = WordCountOptions.parse(Arrays.copyOfRange(args, 1, args.length),
          Optional.ofNullable(System.getProperty("sluice.master")));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("Usage: " + WordCountOptions.USAGE);
      System.exit(1);
      return;
    }
    try {
      WordCountResult result = WordCountBenchmark.run(options);
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
