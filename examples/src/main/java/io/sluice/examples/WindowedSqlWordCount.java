package io.sluice.examples;

import io.sluice.sql.SqlContext;
import io.sluice.streaming.DStream;
import io.sluice.streaming.StreamingContext;
import java.util.Arrays;

/**
 * The ten most frequent words of the last 30 seconds of text from a TCP server, every 10 seconds,
 * in SQL: the stream of words is registered once as a table, and the query's {@code HOP} window
 * (slide 10 s, size 30 s, over the time of the batch each word arrived in) makes it run on every
 * window, as {@code words.window(30 s, 10 s)} would.
 *
 * <p>{@code bin/sluice-run-example WindowedSqlWordCount localhost 9999}, or {@code --demo [seconds]}.
 */
public final class WindowedSqlWordCount {
  private static final String USAGE = "WindowedSqlWordCount <hostname> <port>\n"
      + "   or: WindowedSqlWordCount --demo [seconds]   (serves sample lines itself; default 30 s)";

  /** One word of a line. */
  public record Word(String word) implements java.io.Serializable {}

  private WindowedSqlWordCount() {}

  public static void main(String[] args) throws Exception {
    Examples.runSocketExample("WindowedSqlWordCount", args, USAGE, 30, WindowedSqlWordCount::topWords);
  }

  /** Prints, every 10 s, the ten most frequent words of the last 30 s. */
  public static void topWords(StreamingContext ssc, DStream<String> lines) {
    DStream<Word> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator()).map(Word::new);
    SqlContext sql = SqlContext.getOrCreate(ssc.sluiceContext());
    sql.register("words", words, Word.class);
    sql.sqlStream("select word, count(*) as total"
        + " from table(hop(table words, descriptor(batch_time), interval '10' second, interval '30' second))"
        + " group by word order by total desc, word limit 10")
        .print(10);
  }
}
