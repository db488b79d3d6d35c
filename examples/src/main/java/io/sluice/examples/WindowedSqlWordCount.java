package io.sluice.examples;

import io.sluice.examples.util.LineServer;
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
    boolean demo = args.length >= 1 && args[0].equals("--demo");
    if (demo ? args.length > 2 : args.length != 2) {
      Examples.exitWithUsage(USAGE, null);
    }
    StreamingContext ssc = new StreamingContext(Examples.conf("WindowedSqlWordCount"), Durations.seconds(1));
    if (!demo) {
      topWords(ssc, ssc.socketTextStream(args[0], Examples.positiveInt(args[1], "port", USAGE)));
      ssc.start();
      ssc.awaitTermination();
      return;
    }
    int seconds = args.length == 2 ? Examples.positiveInt(args[1], "seconds", USAGE) : 30;
    try (LineServer server = new LineServer()) {
      topWords(ssc, ssc.socketTextStream(server.host(), server.port()));
      ssc.start();
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      ssc.stop(true, true);
    }
    System.exit(0);
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
