package io.sluice.bench;

/**
 * One of the {@code wal} benchmark's two word-count runs, with the write-ahead log off or on.
 *
 * @param measured what the run measured
 * @param wordsCounted words the driver tally counted; equal to the words written when exact
 * @param mismatchedWords vocabulary words whose count differs from what was written
 */
record WalRun(Measurement measured, long wordsCounted, int mismatchedWords) {

  /** Every word counted exactly as often as it was written (and something was). */
  boolean exact() {
    return measured.written().lines() > 0 && mismatchedWords == 0
        && wordsCounted == measured.written().words();
  }

  /** Lines per second in the batches that completed while measuring: what processing managed. */
  double linesPerSecond(long measuredMs) {
    return measured.stats().recordsPerSecond(measuredMs);
  }

  /** Lines per second the receiver stored while measuring, whether processing kept up or not. */
  double ingestLinesPerSecond(long measuredMs) {
    return measured.receivedPerSecond(measuredMs);
  }

  /** This run's member of the JSON line: traffic, ingest rate, exactness and latency. */
  JsonLine toJson(long measuredMs) {
    JsonLine json = ResultJson.traffic(new JsonLine(), measured.written().lines(),
            linesPerSecond(measuredMs), measured.written().words(), wordsCounted,
            measured.recordsInBatches(), measured.connections())
        .put("ingest_lines_per_s", ingestLinesPerSecond(measuredMs))
        .put("mismatched_words", mismatchedWords)
        .put("exact", exact());
    return ResultJson.latency(json, measured.stats());
  }
}
