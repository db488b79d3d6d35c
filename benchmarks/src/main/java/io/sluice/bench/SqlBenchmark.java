package io.sluice.bench;

import io.sluice.api.Tuple2;
import io.sluice.examples.SqlNetworkWordCount.Word;
import io.sluice.sql.SqlContext;
import io.sluice.streaming.DStream;
import java.util.Arrays;

/**
 * The word count as SQL: each batch's words are rows of stream table {@code words}, counted by
 * {@code select word, count(*) from words group by word} ({@link SqlContext#sqlStream}, planned by
 * Calcite and run as RDD operations), the result added up on the driver and checked, after the
 * graceful stop, against exactly what the server wrote. Its rows per second are the JSON's
 * {@code words_per_s}.
 */
public final class SqlBenchmark {
  static final String QUERY = "select word, count(*) as total from words group by word";

  private SqlBenchmark() {}

  /** Runs the benchmark; blocks for about warm-up + measured time + drain time. */
  public static WordCountResult run(WordCountOptions options) throws Exception {
    return WordCountBenchmark.run("sql", options, Pipeline::new);
  }

  private record Pipeline(DriverTally tally) implements BenchmarkPipeline {
    @Override
    public void define(DStream<String> lines) {
      DStream<Word> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator()).map(Word::new);
      SqlContext sql = SqlContext.getOrCreate(lines.context().sluiceContext());
      sql.register("words", words, Word.class);
      String tallyId = tally.id();
      sql.sqlStream(QUERY)
          .map(row -> new Tuple2<>(row.getString(0), row.getInt(1)))
          .foreachRDD(rdd -> DriverTally.add(tallyId, rdd.collect()));
    }

    @Override
    public long wordsCounted() {
      return tally.totalWords();
    }
  }
}
