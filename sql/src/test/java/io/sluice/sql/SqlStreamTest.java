package io.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.testing.ManualStreaming;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A query over a registered stream runs on every batch, and over every window of a windowed stream. */
class SqlStreamTest {
  public record Word(String word) implements java.io.Serializable {}

  public record Color(String word, String color) implements java.io.Serializable {}

  public record Event(String word, java.time.Instant seen) implements java.io.Serializable {}

  /** What each output saw, by name, batch after batch (outputs run on the driver). */
  private static final Map<String, List<Map<String, Long>>> SEEN = new ConcurrentHashMap<>();

  @Test
  void aStreamQueryRunsOnEveryBatchAndEveryWindow() throws Exception {
    try (ManualStreaming streaming = new ManualStreaming(ManualStreaming.conf("local[2]"), Durations.seconds(1))) {
      DStream<Word> words = streaming.queueOf(List.of(
          List.of(new Word("a"), new Word("b"), new Word("a")),
          List.of(new Word("b"), new Word("c")),
          List.<Word>of()), 2);
      SqlContext sql = SqlContext.getOrCreate(streaming.ssc().sluiceContext());
      sql.register("words", words, Word.class);
      sql.register("recent", words.window(Durations.seconds(2), Durations.seconds(1)), Word.class);
      record("batch", sql.sqlStream("select word, count(*) as n from words group by word"));
      record("window", sql.sqlStream("select word, count(*) as n from recent group by word"));
      // Two streams joined batch by batch, and a stream joined with an RDD table.
      record("streams", sql.sqlStream(
          "select w.word, count(*) as n from words w join recent r on w.word = r.word group by w.word"));
      sql.register("colors", streaming.ssc().sluiceContext().parallelize(
          List.of(new Color("a", "red"), new Color("b", "blue")), 1), Color.class);
      record("lookup", sql.sqlStream(
          "select c.color, count(*) as n from words w join colors c on w.word = c.word group by c.color"));
      SluiceException noStream = assertThrows(SluiceException.class, () -> sql.sqlStream("select * from colors"));
      SluiceException unsupported = assertThrows(SluiceException.class,
          () -> sql.sqlStream("select word, rank() over (order by word) from words"));
      assertTrue(unsupported.getMessage().contains("not supported"), unsupported.getMessage());
      assertTrue(noStream.getMessage().contains("at least one registered stream"), noStream.getMessage());

      streaming.start();
      streaming.runBatches(3);

      assertEquals(List.of(Map.of("a", 2L, "b", 1L), Map.of("b", 1L, "c", 1L), Map.of()), SEEN.get("batch"));
      assertEquals(List.of(Map.of("a", 2L, "b", 1L), Map.of("a", 2L, "b", 2L, "c", 1L), Map.of("b", 1L, "c", 1L)),
          SEEN.get("window"));
      // Each batch's words against the words of the last two batches: a 2x2 + b 1x1, then b 1x2 + c 1x1.
      assertEquals(List.of(Map.of("a", 4L, "b", 1L), Map.of("b", 2L, "c", 1L), Map.of()), SEEN.get("streams"));
      assertEquals(List.of(Map.of("red", 2L, "blue", 1L), Map.of("blue", 1L), Map.of()), SEEN.get("lookup"));
    }
  }

  /** What each windowed output saw: per window, "start..end word=n" relative to the first batch's time. */
  private static final Map<String, List<String>> WINDOWS = new ConcurrentHashMap<>();
  private static final Map<String, Long> FIRST_BATCH = new ConcurrentHashMap<>();

  @Test
  void tumbleAndHopWindowsRunOverTheBatchesOfEachWindow() throws Exception {
    try (ManualStreaming streaming = new ManualStreaming(ManualStreaming.conf("local[2]"), Durations.seconds(1))) {
      DStream<Word> words = streaming.queueOf(List.of(
          List.of(new Word("a"), new Word("b"), new Word("a")),
          List.of(new Word("b"), new Word("c")),
          List.<Word>of(),
          List.of(new Word("a"))), 2);
      words.foreachRDD((rdd, time) -> FIRST_BATCH.putIfAbsent("t", time.milliseconds()));
      SqlContext sql = SqlContext.getOrCreate(streaming.ssc().sluiceContext());
      sql.register("words", words, Word.class);
      String counts = "select window_start, window_end, word, count(*) as n from table(%s) "
          + "group by window_start, window_end, word";
      recordWindows("tumble", sql.sqlStream(String.format(counts,
          "tumble(table words, descriptor(batch_time), interval '2' second)")));
      recordWindows("hop", sql.sqlStream(String.format(counts,
          "hop(table words, descriptor(BATCH_TIME), interval '1' second, interval '2' second)")));
      recordWindows("arrival", sql.sqlStream(
          "select batch_time as window_start, batch_time as window_end, word, 1 as n from words"));

      streaming.start();
      streaming.runBatches(4);

      // Batches at 0..3 s after the first; a 2 s window at time T holds the batches of (T-2 s, T].
      assertEquals(List.of("[-1000..1000 a=2 b=2 c=1]", "[1000..3000 a=1]"), WINDOWS.get("tumble"));
      assertEquals(List.of("[-2000..0 a=2 b=1]", "[-1000..1000 a=2 b=2 c=1]", "[0..2000 b=1 c=1]",
          "[1000..3000 a=1]"), WINDOWS.get("hop"));
      assertEquals(List.of("[0..0 a=1 a=1 b=1]", "[1000..1000 b=1 c=1]", "[]", "[3000..3000 a=1]"),
          WINDOWS.get("arrival"));
    }
  }

  @Test
  void aStreamOfRowsWithAnExplicitSchemaIsATableToo() throws Exception {
    try (ManualStreaming streaming = new ManualStreaming(ManualStreaming.conf("local[2]"), Durations.seconds(1))) {
      Schema schema = Schema.of(new Column("k", SqlType.VARCHAR), new Column("v", SqlType.BIGINT));
      DStream<Row> rows = streaming.queueOf(List.of(
          List.of(new Row(schema, "a", 1L), new Row(schema, "a", 2L), new Row(schema, "b", null)),
          List.of(new Row(schema, "b", 5L))), 2);
      SqlContext sql = SqlContext.getOrCreate(streaming.ssc().sluiceContext());
      sql.register("kv", rows, schema);
      IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
          () -> sql.register("bad", rows, Schema.of(new Column("batch_time", SqlType.BIGINT))));
      assertTrue(taken.getMessage().contains("BATCH_TIME"), taken.getMessage());
      SEEN.put("kv", new CopyOnWriteArrayList<>());
      sql.sqlStream("select k, sum(v), count(*) from kv group by k").foreachRDD(rdd -> {
        Map<String, Long> batch = new TreeMap<>();
        rdd.collect().forEach(row -> batch.put(row.getString(0) + "/" + row.get(1), row.getLong(2)));
        SEEN.get("kv").add(batch);
      });

      streaming.start();
      streaming.runBatches(2);

      assertEquals(List.of(Map.of("a/3", 2L, "b/null", 1L), Map.of("b/5", 1L)), SEEN.get("kv"));
    }
  }

  @Test
  void windowsThatCannotRunAreRefusedAtOnce() throws Exception {
    try (ManualStreaming streaming = new ManualStreaming(ManualStreaming.conf("local[2]"), Durations.seconds(1))) {
      DStream<Word> words = streaming.queueOf(List.of(List.of(new Word("a"))), 1);
      SqlContext sql = SqlContext.getOrCreate(streaming.ssc().sluiceContext());
      sql.register("words", words, Word.class);
      sql.register("events", words.map(w -> new Event(w.word(), java.time.Instant.EPOCH)), Event.class);
      sql.register("fixed", streaming.ssc().sluiceContext().parallelize(List.of(new Word("a")), 1), Word.class);
      Map<String, String> refused = Map.of(
          "select * from table(tumble(table words, descriptor(batch_time), interval '1.5' second))",
          "must be a positive multiple",
          "select * from table(hop(table words, descriptor(batch_time), interval '1' second, interval '2' second,"
              + " interval '1' second))", "with an offset",
          "select * from table(tumble(table events, descriptor(seen), interval '1' second))", "DESCRIPTOR(BATCH_TIME)",
          "select * from table(tumble(table words, descriptor(batch_time), interval '1' second)) w"
              + " join events e on w.word = e.word", "reads one stream",
          "select * from table(tumble(table fixed, descriptor(batch_time), interval '1' second))", "Unknown identifier 'batch_time'");
      refused.forEach((query, message) -> {
        RuntimeException e = assertThrows(RuntimeException.class, () -> sql.sqlStream(query), query);
        assertTrue(e.getMessage().contains(message), query + ": " + e.getMessage());
      });
      SluiceException overRdd = assertThrows(SluiceException.class,
          () -> sql.sql("select * from table(tumble(table fixed, descriptor(word), interval '1' second))"));
      assertTrue(overRdd.getMessage().contains("line 1"), overRdd.getMessage());
    }
  }

  private static void recordWindows(String name, DStream<Row> counts) {
    WINDOWS.put(name, new CopyOnWriteArrayList<>());
    counts.foreachRDD(rdd -> {
      long first = FIRST_BATCH.get("t");
      List<String> cells = new java.util.ArrayList<>();
      String span = "";
      for (Row row : rdd.collect()) {
        span = (row.getTimestamp(0).toEpochMilli() - first) + ".." + (row.getTimestamp(1).toEpochMilli() - first) + " ";
        cells.add(row.getString(2) + "=" + row.getInt(3));
      }
      java.util.Collections.sort(cells);
      WINDOWS.get(name).add("[" + span + String.join(" ", cells) + "]");
    });
  }

  private static void record(String name, DStream<Row> counts) {
    SEEN.put(name, new CopyOnWriteArrayList<>());
    counts.foreachRDD(rdd -> {
      Map<String, Long> batch = new TreeMap<>();
      rdd.collect().forEach(row -> batch.put(row.getString(0), row.getLong(1)));
      SEEN.get(name).add(batch);
    });
  }
}
