package io.sluice.bench;

/** The outcome of one benchmark run, as {@link BenchMain} reports it. */
interface BenchmarkResult {
  /** Whether the run's exactness check passed; the exit status reflects it. */
  boolean exact();

  /** The single result line the benchmark prints. */
  JsonLine toJson();
}
