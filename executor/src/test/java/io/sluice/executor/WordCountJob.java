package io.sluice.executor;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.SluiceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small batch word count whose shuffle crosses executors, with its exact answer. */
final class WordCountJob {
  private WordCountJob() {}

  /** Counts the words of 1000 lines "a b cN" (N = line % 10), 4 map and 3 reduce partitions. */
  static Map<String, Integer> run(SluiceContext sc) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add("a b c" + (i % 10));
    }
    return new TreeMap<>(PairRDD.fromRDD(sc.parallelize(lines, 4)
        .flatMap(l -> List.of(l.split(" ")).iterator()).map(w -> new Tuple2<>(w, 1)))
        .reduceByKey(Integer::sum, 3).collectAsMap());
  }

  static Map<String, Integer> expected() {
    Map<String, Integer> expected = new TreeMap<>(Map.of("a", 1000, "b", 1000));
    for (int n = 0; n < 10; n++) {
      expected.put("c" + n, 100);
    }
    return expected;
  }
}
