package io.sluice.bench;

/**
 * What the benchmarks' lines are made of: {@code vocabularySize} distinct words of varied length
 * ({@link Vocabulary}) drawn with Zipf({@code zipf}) weights ({@link ZipfSampler}; 0 is uniform),
 * 5 to 15 of them per line ({@link WordLines}). One workload for every benchmark, socket or Kafka.
 *
 * @param vocabularySize how many distinct words the lines draw from
 * @param zipf the Zipf exponent of the words' frequencies; 0 draws every word equally often
 */
public record Workload(int vocabularySize, double zipf) {
  /** The default of every benchmark: 10,000 words with Zipf 1 frequencies, as in real text. */
  public static final Workload DEFAULT = new Workload(Vocabulary.DEFAULT_SIZE, 1.0);

  public Workload {
    if (vocabularySize <= 0) {
      throw new IllegalArgumentException("vocabulary must be > 0, got " + vocabularySize);
    }
    if (!(zipf >= 0) || Double.isInfinite(zipf)) {
      throw new IllegalArgumentException("zipf must be a finite number >= 0, got " + zipf);
    }
  }

  /** The generator of this workload's lines; builds the vocabulary and the sampling table. */
  WordLines lines() {
    return new WordLines(Vocabulary.of(vocabularySize), new ZipfSampler(vocabularySize, zipf));
  }

  /**
   * The workload's JSON: its settings and the mean words per line and mean word length (in
   * letters, over words as drawn, not over the vocabulary) that they give.
   */
  JsonLine toJson() {
    WordLines lines = lines();
    return new JsonLine()
        .put("vocabulary", vocabularySize)
        .put("zipf", zipf)
        .put("mean_words_per_line", lines.meanWordsPerLine())
        .put("mean_word_length", lines.meanWordLength());
  }
}
