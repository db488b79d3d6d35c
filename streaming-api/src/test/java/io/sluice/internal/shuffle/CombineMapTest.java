package io.sluice.internal.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.Tuple2;
import io.sluice.internal.rdd.Aggregator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombineMapTest {
  private static <K, C> Map<K, C> toMap(CombineMap<K, ?, C> combined) {
    Map<K, C> out = new HashMap<>();
    combined.iterator().forEachRemaining(kc -> out.put(kc._1(), kc._2()));
    return out;
  }

  @Test
  void combinesValuesPerKey() {
    CombineMap<String, Integer, Integer> sums = new CombineMap<>(new Aggregator<>(v -> v, Integer::sum, Integer::sum));
    for (String w : List.of("a", "b", "a", "a")) {
      sums.addValue(w, 1);
    }
    assertEquals(Map.of("a", 3, "b", 1), toMap(sums));
  }

  @Test
  void mergesCombinersFromOtherMaps() {
    CombineMap<String, Integer, Integer> sums = new CombineMap<>(new Aggregator<>(v -> v, Integer::sum, Integer::sum));
    sums.addCombiner("a", 2);
    sums.addCombiner("a", 5);
    sums.addCombiner("b", 1);
    assertEquals(Map.of("a", 7, "b", 1), toMap(sums));
  }

  @Test
  void keepsKeysWhoseCombinerIsNull() {
    CombineMap<String, String, String> firsts = new CombineMap<>(new Aggregator<>(v -> v, (c, v) -> c, (a, b) -> a));
    firsts.addValue("k", null);
    firsts.addValue("k", "later");
    firsts.addValue("x", "x1");
    List<Tuple2<String, String>> all = new ArrayList<>();
    firsts.iterator().forEachRemaining(all::add);
    all.sort((a, b) -> a._1().compareTo(b._1()));
    assertEquals(List.of(new Tuple2<>("k", (String) null), new Tuple2<>("x", "x1")), all);
  }
}
