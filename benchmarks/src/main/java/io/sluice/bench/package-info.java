/**
 * Benchmarks run with {@code bin/sluice-bench}. {@link io.sluice.bench.WordCountBenchmark}
 * measures the socket word count of the guide's Quick Example at full speed and checks that its
 * totals are exact.
 */
package io.sluice.bench;
