/**
 * Benchmarks run with {@code bin/sluice-bench}: socket word counts fed at full speed (or a fixed
 * rate) by a {@link io.sluice.bench.FullSpeedLineServer}, each checking that its results are
 * exact. {@link io.sluice.bench.WordCountBenchmark} measures the guide's Quick Example,
 * {@link io.sluice.bench.WindowBenchmark} a windowed count with an inverse function and
 * {@link io.sluice.bench.StateBenchmark} running totals kept with {@code updateStateByKey}; the
 * three share the run itself ({@link io.sluice.bench.SocketBenchmarkRunner}).
 */
package io.sluice.bench;
