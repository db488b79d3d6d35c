package io.sluice.bench;

import io.sluice.streaming.Duration;

/**
 * The outcome of one run of the windowed word-count benchmark.
 *
 * @param wordsCounted words in all per-batch counts; equal to the words written when exact
 * @param mismatchedWords words whose per-batch counts do not add up to what the server wrote
 * @param windows how the emitted windows compared with the per-batch counts
 */
public record WindowResult(WordCountOptions options, Measurement measured, long wordsCounted,
                           int mismatchedWords, WindowCheck.Summary windows, Duration window,
                           Duration slide) implements BenchmarkResult {

  /** The batches add up to what was written (something was), and every window to its batches. */
  @Override
  public boolean exact() {
    return measured.written().lines() > 0 && mismatchedWords == 0 && windows.exact();
  }

  public LatencyStats stats() {
    return measured.stats();
  }

  @Override
  public JsonLine toJson() {
    JsonLine json = ResultJson.settings("window", options)
        .put("window_seconds", ResultJson.seconds(window.milliseconds()))
        .put("slide_seconds", ResultJson.seconds(slide.milliseconds()));
    ResultJson.traffic(json, measured.written().lines(),
        measured.stats().recordsPerSecond(options.measureMs()), measured.written().words(),
        wordsCounted, measured.recordsInBatches(), measured.connections())
        .put("mismatched_words", mismatchedWords)
        .put("windows_checked", windows.checked())
        .put("mismatched_windows", windows.mismatched())
        .put("windows_unchecked", windows.pending())
        .put("keys", windows.lastWindowKeys())
        .put("exact", exact());
    return ResultJson.latency(json, measured.stats());
  }
}
