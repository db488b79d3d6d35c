package io.sluice.internal.shuffle;

import io.sluice.api.Tuple2;
import io.sluice.core.Partitioner;
import io.sluice.core.StorageLevel;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.rdd.Aggregator;
import io.sluice.internal.rdd.ShuffleDependency;
import io.sluice.internal.serializer.SerializationStream;
import io.sluice.internal.storage.BlockId;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;

/**
 * The map side of a hash shuffle: one bucket per reduce partition, stored as a serialized block.
 * With map-side combining, values of a key are folded into one combiner before anything is
 * written, so a word count ships one record per distinct word per map task.
 */
public final class ShuffleWriter {
  private static final StorageLevel SHUFFLE_LEVEL = StorageLevel.MEMORY_AND_DISK_SER;

  private ShuffleWriter() {}

  public static MapStatus write(ShuffleDependency dep, int mapId, Iterator<?> records, ExecutorEnv env)
      throws Exception {
    Partitioner partitioner = dep.partitioner();
    int buckets = partitioner.numPartitions();
    ByteArrayOutputStream[] bytes = new ByteArrayOutputStream[buckets];
    SerializationStream[] streams = new SerializationStream[buckets];
    for (int r = 0; r < buckets; r++) {
      bytes[r] = new ByteArrayOutputStream(256);
      streams[r] = env.dataSerializer().serializeStream(bytes[r]);
    }
    if (dep.mapSideCombine()) {
      writeCombined(dep, records, partitioner, streams);
    } else {
      while (records.hasNext()) {
        Tuple2<?, ?> record = (Tuple2<?, ?>) records.next();
        streams[partitioner.getPartition(record._1())].writeObject(record);
      }
    }
    long[] sizes = new long[buckets];
    for (int r = 0; r < buckets; r++) {
      streams[r].close();
      byte[] bucket = bytes[r].toByteArray();
      sizes[r] = bucket.length;
      env.blockManager().putBytes(new BlockId.ShuffleBlock(dep.shuffleId(), mapId, r), bucket, SHUFFLE_LEVEL);
    }
    return new MapStatus(env.executorId(), sizes);
  }

  @SuppressWarnings("unchecked")
  private static void writeCombined(ShuffleDependency dep, Iterator<?> records, Partitioner partitioner,
                                    SerializationStream[] streams) {
    CombineMap<Object, Object, Object> combined = new CombineMap<>((Aggregator<Object, Object>) dep.aggregator());
    while (records.hasNext()) {
      Tuple2<Object, Object> record = (Tuple2<Object, Object>) records.next();
      combined.addValue(record._1(), record._2());
    }
    for (Iterator<Tuple2<Object, Object>> it = combined.iterator(); it.hasNext(); ) {
      Tuple2<Object, Object> kc = it.next();
      streams[partitioner.getPartition(kc._1())].writeObject(kc);
    }
  }
}
