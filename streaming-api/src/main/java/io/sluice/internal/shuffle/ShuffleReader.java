package io.sluice.internal.shuffle;

import io.sluice.api.Tuple2;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.rdd.Aggregator;
import io.sluice.internal.rdd.ShuffleDependency;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.util.Iterators;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The reduce side of a hash shuffle: fetches this partition's bucket from every map output and,
 * when the shuffle aggregates, merges values (or map-side combiners) per key in a hash map.
 */
public final class ShuffleReader {
  private ShuffleReader() {}

  /** The raw records of reduce partition {@code reduceId}, map output after map output. */
  public static Iterator<Object> fetch(ShuffleDependency dep, int reduceId, TaskContextImpl ctx) {
    MapStatus[] statuses = ctx.mapStatuses(dep.shuffleId());
    List<Iterator<Object>> parts = new ArrayList<>(statuses.length);
    for (int m = 0; m < statuses.length; m++) {
      if (statuses[m].bucketSizes()[reduceId] == 0) {
        continue;
      }
      BlockId.ShuffleBlock block = new BlockId.ShuffleBlock(dep.shuffleId(), m, reduceId);
      String executor = statuses[m].executorId();
      byte[] bytes = ctx.env().blockTransfer().fetch(executor, block)
          .orElseThrow(() -> new FetchFailedException(block.shuffleId(), block.mapId(), executor));
      parts.add(ctx.env().blockManager().deserializeValues(bytes));
    }
    return Iterators.concat(parts);
  }

  /** The records of reduce partition {@code reduceId}, aggregated by key when the shuffle has an aggregator. */
  @SuppressWarnings("unchecked")
  public static <K, C> Iterator<Tuple2<K, C>> read(ShuffleDependency dep, int reduceId, TaskContextImpl ctx)
      throws Exception {
    Iterator<Object> records = fetch(dep, reduceId, ctx);
    if (dep.aggregator() == null) {
      return (Iterator<Tuple2<K, C>>) (Iterator<?>) records;
    }
    CombineMap<K, Object, C> combined = new CombineMap<>((Aggregator<Object, C>) dep.aggregator());
    while (records.hasNext()) {
      Tuple2<K, Object> record = (Tuple2<K, Object>) records.next();
      if (dep.mapSideCombine()) {
        combined.addCombiner(record._1(), (C) record._2());
      } else {
        combined.addValue(record._1(), record._2());
      }
    }
    return combined.iterator();
  }
}
