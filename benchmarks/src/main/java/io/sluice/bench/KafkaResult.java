package io.sluice.bench;

/**
 * The outcome of one Kafka word-count run.
 *
 * @param linesInTopic lines pre-filled into the topic
 * @param fillSeconds how long pre-filling took
 * @param linesRead lines the batches' offset ranges covered
 * @param wordsCounted words the stream counted
 * @param mismatchedWords words whose count differs from the lines read
 * @param exact every word of the lines read counted exactly once (and something was read)
 */
public record KafkaResult(WordCountOptions options, int partitions, long linesInTopic, double fillSeconds,
                          long linesRead, long wordsCounted, int mismatchedWords, boolean exact,
                          LatencyStats stats) implements BenchmarkResult {

  public double linesPerSecond() {
    return stats.recordsPerSecond(options.measureMs());
  }

  @Override
  public JsonLine toJson() {
    JsonLine json = ResultJson.settings("kafka", options)
        .put("partitions", partitions)
        .put("lines_in_topic", linesInTopic)
        .put("fill_seconds", Math.round(fillSeconds * 10) / 10.0)
        .put("lines_read", linesRead)
        .put("lines_per_s", linesPerSecond())
        .put("words_counted", wordsCounted)
        .put("mismatched_words", mismatchedWords)
        .put("exact", exact);
    return ResultJson.latency(json, stats);
  }
}
