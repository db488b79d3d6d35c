package io.sluice.examples;

import io.sluice.core.RDD;
import io.sluice.sql.Row;
import io.sluice.sql.SqlContext;
import io.sluice.streaming.DStream;
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
    Examples.runSocketExample("SqlNetworkWordCount", args, USAGE, 10, (ssc, lines) -> countWithSql(lines));
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
