package io.sluice.examples;

import io.sluice.sql.SqlContext;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.util.Arrays;

/**
 * The ten most frequent words of the last 30 seconds of text from a TCP server, every 10 seconds,
 * with SQL over a windowed stream: the stream of words is registered once as a table, and the query
 * runs on every window.
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
    sql.register("recent_words", words.window(Durations.seconds(30), Durations.seconds(10)), Word.class);
    sql.sqlStream("select word, count(*) as total from recent_words group by word order by total desc, word limit 10")
        .print(10);
  }
}
