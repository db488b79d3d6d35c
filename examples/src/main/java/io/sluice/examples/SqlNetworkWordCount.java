package io.sluice.examples;

import io.sluice.core.RDD;
import io.sluice.examples.util.LineServer;
import io.sluice.sql.Row;
import io.sluice.sql.SqlContext;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.util.Arrays;
import java.util.List;

/**
 * The guide's "DataFrame and SQL Operations" example: the words of each one-second batch of text
 * from a TCP server become a table, counted with SQL inside {@code foreachRDD}. The query runs as
 * tasks on the executors; only its (small) result comes back to print.
 *
 * <p>{@code bin/sluice-run-example SqlNetworkWordCount localhost 9999} with {@code nc -lk 9999}, or
 * {@code SqlNetworkWordCount --demo [seconds]} with a built-in line server.
 */
public final class SqlNetworkWordCount {
  private static final String USAGE = "SqlNetworkWordCount <hostname> <port>\n"
      + "   or: SqlNetworkWordCount --demo [seconds]   (serves sample lines itself; default 10 s)";

  /** One word of a line: the table's one column. Public, so tasks can read its component. */
  public record Word(String word) implements java.io.Serializable {}

  private SqlNetworkWordCount() {}

  public static void main(String[] args) throws Exception {
    boolean demo = args.length >= 1 && args[0].equals("--demo");
    if (demo ? args.length > 2 : args.length != 2) {
      Examples.exitWithUsage(USAGE, null);
    }
    StreamingContext ssc = new StreamingContext(Examples.conf("SqlNetworkWordCount"), Durations.seconds(1));
    if (!demo) {
      countWithSql(ssc.socketTextStream(args[0], Examples.positiveInt(args[1], "port", USAGE)));
      ssc.start();
      ssc.awaitTermination();
      return;
    }
    int seconds = args.length == 2 ? Examples.positiveInt(args[1], "seconds", USAGE) : 10;
    try (LineServer server = new LineServer()) {
      countWithSql(ssc.socketTextStream(server.host(), server.port()));
      ssc.start();
      ssc.awaitTerminationOrTimeout(seconds * 1000L);
      ssc.stop(true, true);
    }
    System.exit(0);
  }

  /** Registers each batch's words as table "words" and prints the counts SQL gives per batch. */
  public static void countWithSql(DStream<String> lines) {
    DStream<Word> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator()).map(Word::new);
    words.foreachRDD((rdd, time) -> {
      List<Row> counts = countWords(rdd);
      System.out.println("========= " + time + " =========");
      counts.forEach(System.out::println);
    });
  }

  /** One batch's words counted with SQL, most frequent first. */
  public static List<Row> countWords(RDD<Word> batch) {
    SqlContext sql = SqlContext.getOrCreate(batch.context());
    sql.register("words", batch, Word.class);
    return sql.sql("select word, count(*) as total from words group by word order by total desc, word").collect();
  }
}
