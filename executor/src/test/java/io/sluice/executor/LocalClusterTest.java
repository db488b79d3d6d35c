package io.sluice.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.Broadcast;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.StorageLevel;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batch engine on executor processes: shuffles across processes, broadcast, cache, results, errors. */
class LocalClusterTest {
  private static SluiceContext sc;

  @BeforeAll
  static void start() {
    sc = new SluiceContext(new SluiceConf(false).setMaster("local-cluster[2,1,512]").setAppName("local-cluster-test")
        .set("sluice.ui.enabled", "false").set("sluice.task.maxDirectResultSize", "1m"));
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void tasksRunInExecutorProcessesNotTheDriver() {
    List<String> where = sc.parallelize(List.of(1, 2, 3, 4), 4)
        .map(i -> ProcessHandle.current().pid() + "").collect();
    long driverPid = ProcessHandle.current().pid();
    assertTrue(where.stream().noneMatch(pid -> pid.equals(driverPid + "")), where.toString());
    assertEquals(2, Internals.context().backend(sc).executorIds().size());
  }

  @Test
  void wordCountShufflesBetweenExecutors() {
    assertEquals(WordCountJob.expected(), WordCountJob.run(sc));
  }

  @Test
  void broadcastValuesReachExecutors() {
    Broadcast<Map<Integer, String>> names = sc.broadcast(Map.of(1, "one", 2, "two"));
    assertEquals(List.of("one", "two", "one"), sc.parallelize(List.of(1, 2, 1), 3).map(i -> names.value().get(i))
        .collect());
  }

  @Test
  void resultsLargerThanAMessageComeThroughTheBlockStore() {
    List<Integer> big = sc.parallelize(List.of(0, 1), 2).flatMap(p -> {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < 600_000; i++) {
        out.add(i);
      }
      return out.iterator();
    }).collect();
    assertEquals(1_200_000, big.size());
    assertEquals(599_999, big.get(big.size() - 1));
  }

  @Test
  void cachedPartitionsAreReadBackNotRecomputed() {
    RDD<Long> stamped = sc.parallelize(List.of(1, 2, 3, 4), 4).map(i -> System.nanoTime())
        .persist(StorageLevel.MEMORY_ONLY_SER);
    List<Long> first = stamped.collect();
    assertEquals(first, stamped.collect());
    stamped.unpersist();
    assertNotEquals(first, stamped.collect());
  }

  /**
   * An executor process dies in the reduce stage, taking its map outputs with it: the reduce tasks
   * are rerun, the lost map outputs recomputed from lineage, and the result is exact.
   */
  @Test
  void anExecutorDyingMidJobIsReplacedAndItsShuffleOutputRecomputed(@org.junit.jupiter.api.io.TempDir
                                                                   java.nio.file.Path tmp) {
    String marker = tmp.resolve("died-once").toString();
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      numbers.add(i);
    }
    RDD<Tuple2<Integer, Integer>> reduced = PairRDD.fromRDD(sc.parallelize(numbers, 4)
        .map(i -> new Tuple2<>(i % 4, i))).reduceByKey(Integer::sum, 2);
    Map<Integer, Integer> sums = PairRDD.fromRDD(reduced.mapPartitions(it -> {
          // The first reduce task to get here kills its own executor (as kill -9 would: no goodbye).
          if (new java.io.File(marker).createNewFile()) {
            Runtime.getRuntime().halt(137);
          }
          return it;
        })).collectAsMap();
    assertEquals(Map.of(0, 19800, 1, 19900, 2, 20000, 3, 20100), sums);
    assertTrue(new java.io.File(marker).exists());
    io.sluice.testing.Eventually.await("the lost executor replaced", 30_000,
        () -> Internals.context().backend(sc).executorIds().size() == 2);
    var executors = Internals.context().backend(sc).executorIds();
    assertTrue(executors.contains("exec-3"), executors.toString());
  }

  @Test
  void aUserExceptionFailsTheJobWithThatExceptionAfterRetries() {
    SluiceException e = assertThrows(SluiceException.class, () -> sc.parallelize(List.of(1, 2), 2).map(i -> {
      if (i == 2) {
        throw new IllegalStateException("bad record " + i + " attempt " + TaskContext.get().attemptNumber());
      }
      return i;
    }).collect());
    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("bad record 2 attempt 3", cause.getMessage());
    assertTrue(e.getMessage().contains("failed 4 times"), e.getMessage());
  }
}
