package io.sluice.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.Tuple2;
import io.sluice.testing.BatchOutputs;
import io.sluice.testing.ManualStreaming;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordCountSmokeTest {
  @Test
  void countsWordsBatchByBatch() {
    try (ManualStreaming t = new ManualStreaming("local[2]", Durations.seconds(1))) {
      DStream<String> lines = t.queueOf(List.of(List.of("a b", "b c"), List.of(), List.of("c c c")), 2);
      PairDStream<String, Integer> counts = lines.flatMap(l -> Arrays.asList(l.split(" ")).iterator())
          .mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum);
      BatchOutputs<Tuple2<String, Integer>> out = BatchOutputs.capture(counts);
      counts.print();
      t.start();
      t.runBatches(3);
      assertEquals(List.of(
          List.of(new Tuple2<>("a", 1), new Tuple2<>("b", 2), new Tuple2<>("c", 1)),
          List.of(),
          List.of(new Tuple2<>("c", 3))), out.sortedBatches());
    }
  }
}
