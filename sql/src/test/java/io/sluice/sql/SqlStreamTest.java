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
      SluiceException mixed = assertThrows(SluiceException.class,
          () -> sql.sqlStream("select w.word from words w join recent r on w.word = r.word"));
      assertTrue(mixed.getMessage().contains("exactly one registered stream"), mixed.getMessage());

      streaming.start();
      streaming.runBatches(3);

      assertEquals(List.of(Map.of("a", 2L, "b", 1L), Map.of("b", 1L, "c", 1L), Map.of()), SEEN.get("batch"));
      assertEquals(List.of(Map.of("a", 2L, "b", 1L), Map.of("a", 2L, "b", 2L, "c", 1L), Map.of("b", 1L, "c", 1L)),
          SEEN.get("window"));
    }
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
