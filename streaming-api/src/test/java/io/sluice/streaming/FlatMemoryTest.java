package io.sluice.streaming;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.api.function.Function2;
import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.testing.LatestBatch;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.NoChmodLocalFileSystem;
import io.sluice.testing.TestMasters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long run must not accumulate: 10,000 one-second batches (manual clock; 1,000 when the executor
 * module runs it again on {@code local-cluster}, where the driver's maps of executors' blocks count
 * too) of a 30-batch
 * incremental window and a running state, both checkpointed, over a small input. The engine's
 * bookkeeping (RDDs remembered by the streams, stored blocks, registered shuffles) and the size of
 * what a task carries must stay under bounds that do not depend on the number of batches, and
 * the final window and state must be exact.
 *
 * <p>Input: batch b (1-based) holds the keys {@code k((3b + i) mod 20)} for i = 0, 1, 2, built
 * by a transform from one default RDD, so no RDD per batch is queued.
 */
class FlatMemoryTest {
  private static final int BATCHES = Integer.getInteger("sluice.test.flatBatches", 10_000);
  private static final int SAMPLE_EVERY = Integer.getInteger("sluice.test.flatSampleEvery", 500);
  private static final int KEYS = 20;
  private static final int PER_BATCH = 3;
  private static final int WINDOW_BATCHES = 30;

  // Bounds that hold at any batch count. The streams remember: input, keyed and per-batch-reduced
  // streams 50 s (window 30 s + 2 x checkpoint interval 10 s), window and state 20 s (2 x
  // checkpoint interval). A PairDStream view remembers the same RDDs as the stream it wraps, so
  // the keyed and reduced streams count twice: 5 x 50 + 2 x 20 = 290, plus one batch not yet cleared.
  private static final int MAX_LIVE_RDDS = 320;
  // Registered shuffles: the 50 per-batch reduces the window still reads, and the state's input
  // shuffles back to the checkpoint before its oldest remembered RDD (at most 30), plus a few the
  // newest checkpoints cut off: about 90. Stored blocks: 4 per shuffle (2 maps x 2 reduces) plus the
  // persisted RDDs (reduced 50 x 2 partitions, window and state 20 x 2 each): about 540. (Measured
  // with the leak below fixed: 90 and 540 at every sample.)
  private static final int MAX_BLOCKS = 800;
  private static final int MAX_SHUFFLES = 150;
  // Two checkpointed streams, each remembering 20 s, so at most 3 checkpointed RDDs each (2
  // partition files and their .crc checksums per RDD), plus one being written.
  // RDD checkpoints of the window and the state (about 24 files), plus the newest metadata
  // checkpoints the writer keeps (10) and one being written: about 46 at every sample.
  private static final int MAX_CHECKPOINT_FILES = 60;
  private static final int MAX_TASK_BYTES = 64 * 1024;
  // The received-block tracker keeps one (here empty) block map per batch until the graph's
  // remember duration (50 s) has passed: about 51, plus batches whose cleanup has not run yet.
  private static final int MAX_TRACKED_BATCHES = 60;

  private static final Function2<Integer, Integer, Integer> SUM = Integer::sum;
  private static final Function2<Integer, Integer, Integer> MINUS = (a, b) -> a - b;

  @TempDir
  Path checkpointDir;

  /** One sample of the engine's bookkeeping after a batch. */
  record Sample(int batch, int liveRdds, int blocks, int shuffles, int schedulerShuffles, int trackedBatches,
                long checkpointFiles, int windowTaskBytes, int stateTaskBytes, double msPerBatch) {}

  /**
   * local[2] on a manual clock. The checkpoints (two per batch, plus the RDD checkpoints) go through
   * a local file system that does not fork a chmod per file: that, not the engine, was most of the
   * time of 10,000 batches, and the writer's backlog then held up the stop for a minute.
   */
  private static SluiceConf conf() {
    SluiceConf conf = ManualStreaming.conf(TestMasters.operations());
    NoChmodLocalFileSystem.settings().forEach(conf::set);
    return conf;
  }

  /** Builds the program; returns {window, state} streams. */
  private static List<PairDStream<String, Integer>> define(ManualStreaming t, Path checkpointDir) {
    StreamingContext ssc = t.ssc();
    ssc.checkpoint(checkpointDir.toString());
    RDD<Integer> slots = ssc.sluiceContext().parallelize(List.of(0, 1, 2), 2);
    Queue<RDD<Integer>> nothingQueued = new ConcurrentLinkedQueue<>();
    DStream<Integer> input = ssc.queueStream(nothingQueued, true, slots);
    PairDStream<String, Integer> keyed = input.transformToPair((RDD<Integer> rdd, Time time) -> {
      long batch = time.milliseconds() / 1000;
      return rdd.mapToPair(i -> new Tuple2<>("k" + ((PER_BATCH * batch + i) % KEYS), 1));
    });
    PairDStream<String, Integer> window = keyed.reduceByKeyAndWindow(SUM, MINUS,
        Durations.seconds(WINDOW_BATCHES), Durations.seconds(1)).checkpoint(Durations.seconds(10));
    PairDStream<String, Integer> state = keyed.updateStateByKey((List<Integer> values, Optional<Integer> s) -> {
      int sum = s.orElse(0);
      for (int v : values) {
        sum += v;
      }
      return Optional.of(sum);
    }).checkpoint(Durations.seconds(10));
    return List.of(window, state);
  }

  @Test
  @Timeout(300)
  void tenThousandBatchesOfWindowAndStateStayFlat() {
    List<Sample> samples = new ArrayList<>();
    long started = System.nanoTime();
    try (ManualStreaming t = new ManualStreaming(conf(), Durations.seconds(1))) {
      List<PairDStream<String, Integer>> streams = define(t, checkpointDir);
      LatestBatch<Tuple2<String, Integer>> window = LatestBatch.capture(streams.get(0));
      LatestBatch<Tuple2<String, Integer>> state = LatestBatch.capture(streams.get(1));
      t.start();
      SluiceContext sc = t.ssc().sluiceContext();
      long lastSample = System.nanoTime();
      for (int done = 0; done < BATCHES; ) {
        int n = Math.min(SAMPLE_EVERY, BATCHES - done);
        t.runBatches(n);
        done += n;
        long now = System.nanoTime();
        samples.add(new Sample(done, liveRdds(t.ssc()), storedBlocks(sc),
            Internals.context().mapOutputs(sc).shuffleIds().size(), Internals.context().dagScheduler(sc).trackedShuffles(),
            t.ssc().receiverTracker().rememberedBatches(), countFiles(checkpointDir),
            taskBytes(sc, streams.get(0)),
            taskBytes(sc, streams.get(1)), (now - lastSample) / 1e6 / n));
        lastSample = now;
        // Exact at every sample, not only at the end.
        assertEquals(done * 1000L, window.get().timeMs());
        assertEquals(done * 1000L, state.get().timeMs());
        assertEquals(expectedCounts(Math.max(1, done - WINDOW_BATCHES + 1), done, true),
            toMap(window.get().records()), "window of the last 30 batches at batch " + done);
        assertEquals(expectedCounts(1, done, false), toMap(state.get().records()),
            "running counts of all batches at batch " + done);
      }

      report(samples, started);
      window.release();
      state.release();
    }

    assertAll("bounds over " + BATCHES + " batches",
        () -> assertBound(samples, "live RDDs", Sample::liveRdds, MAX_LIVE_RDDS),
        () -> assertBound(samples, "stored blocks", Sample::blocks, MAX_BLOCKS),
        () -> assertBound(samples, "registered shuffles", Sample::shuffles, MAX_SHUFFLES),
        () -> assertBound(samples, "shuffles the DAG scheduler tracks", Sample::schedulerShuffles, MAX_SHUFFLES),
        () -> assertBound(samples, "batches the received-block tracker remembers", Sample::trackedBatches,
            MAX_TRACKED_BATCHES),
        () -> assertBound(samples, "checkpoint files", s -> (int) s.checkpointFiles(), MAX_CHECKPOINT_FILES),
        () -> assertBound(samples, "window task bytes", Sample::windowTaskBytes, MAX_TASK_BYTES),
        () -> assertBound(samples, "state task bytes", Sample::stateTaskBytes, MAX_TASK_BYTES));
    // Flat, not just under a generous bound: the last sample is no bigger than the steady state
    // reached after the first thousand batches (a little slack for a cleanup not yet run).
    if (samples.size() >= 3) {
      Sample steady = samples.get(1);
      Sample last = samples.get(samples.size() - 1);
      assertTrue(last.liveRdds() <= steady.liveRdds() + 10, "live RDDs grew: " + steady + " -> " + last);
      assertTrue(last.blocks() <= steady.blocks() + 20, "blocks grew: " + steady + " -> " + last);
      assertTrue(last.shuffles() <= steady.shuffles() + 5, "shuffles grew: " + steady + " -> " + last);
      assertTrue(last.windowTaskBytes() <= steady.windowTaskBytes() * 1.1 + 256, "window task grew");
      assertTrue(last.stateTaskBytes() <= steady.stateTaskBytes() * 1.1 + 256, "state task grew");
    }
  }

  /**
   * Old RDD checkpoints are deleted once no remembered RDD reads them (Spark deletes a stream's old
   * checkpoint files too, in DStreamCheckpointData.cleanup), so the directory does not grow by one
   * rdd-N directory per stream every checkpoint interval.
   */
  @Test
  void oldRddCheckpointFilesAreDeleted() {
    try (ManualStreaming t = new ManualStreaming(conf(), Durations.seconds(1))) {
      List<PairDStream<String, Integer>> streams = define(t, checkpointDir);
      streams.forEach(DStream::print);
      t.start();
      t.runBatches(200);
      // 20 checkpoints per stream so far; each stream remembers 20 s, i.e. at most 3 checkpointed RDDs.
      long rddDirs = countRddCheckpointDirs(checkpointDir);
      assertTrue(rddDirs <= 2 * 4, "RDD checkpoint directories after 200 batches: " + rddDirs);
    }
  }

  /**
   * The shortest repro of a leak the long run shows: a stream whose checkpointed RDD read a
   * shuffle (a state, a checkpointed reduceByKey) must not keep that shuffle registered after the
   * RDD is forgotten. Here both streams checkpoint every 2 batches; the registered shuffles must be
   * the same after 40 and after 100 batches.
   */
  @Test
  void checkpointedStreamsDoNotLeakTheShufflesTheirCheckpointsCut() {
    try (ManualStreaming t = new ManualStreaming(conf(), Durations.seconds(1))) {
      StreamingContext ssc = t.ssc();
      ssc.checkpoint(checkpointDir.toString());
      RDD<Integer> slots = ssc.sluiceContext().parallelize(List.of(0, 1, 2), 2);
      PairDStream<String, Integer> keyed = ssc.queueStream(new ConcurrentLinkedQueue<RDD<Integer>>(), true, slots)
          .mapToPair(i -> new Tuple2<>("k" + i, 1));
      keyed.updateStateByKey((List<Integer> values, Optional<Integer> s) -> Optional.of(s.orElse(0) + values.size()))
          .checkpoint(Durations.seconds(2)).print();
      keyed.reduceByKey(SUM).checkpoint(Durations.seconds(2)).print();
      t.start();
      t.runBatches(40);
      int after40 = Internals.context().mapOutputs(ssc.sluiceContext()).shuffleIds().size();
      int blocksAfter40 = Internals.context().blockManager(ssc.sluiceContext()).blockIds().size();
      int schedulerAfter40 = Internals.context().dagScheduler(ssc.sluiceContext()).trackedShuffles();
      t.runBatches(60);
      int schedulerAfter100 = Internals.context().dagScheduler(ssc.sluiceContext()).trackedShuffles();
      int after100 = Internals.context().mapOutputs(ssc.sluiceContext()).shuffleIds().size();
      int blocksAfter100 = Internals.context().blockManager(ssc.sluiceContext()).blockIds().size();
      assertAll(
          () -> assertTrue(after100 <= after40 + 1, "registered shuffles after 40 batches: " + after40
              + ", after 100: " + after100),
          () -> assertTrue(blocksAfter100 <= blocksAfter40 + 4, "stored blocks after 40 batches: " + blocksAfter40
              + ", after 100: " + blocksAfter100),
          () -> assertTrue(schedulerAfter100 <= schedulerAfter40 + 1, "shuffles the DAG scheduler tracks after 40 "
              + "batches: " + schedulerAfter40 + ", after 100: " + schedulerAfter100));
    }
  }

  private static void assertBound(List<Sample> samples, String what, ToIntFunction<Sample> metric, int bound) {
    List<String> over = new ArrayList<>();
    for (Sample s : samples) {
      if (metric.applyAsInt(s) > bound) {
        over.add(s.batch() + ":" + metric.applyAsInt(s));
      }
    }
    assertTrue(over.isEmpty(), what + " over " + bound + " at (batch:value) " + over);
  }

  /**
   * Blocks in the driver's store plus, on a cluster, the blocks the driver tracks on executors (the
   * block-location map executors' reports feed), so both the driver's and the executors' stores count.
   */
  private static int storedBlocks(SluiceContext sc) {
    return Internals.context().blockManager(sc).blockIds().size()
        + Internals.context().backend(sc).trackedBlocks().size();
  }

  private static int liveRdds(StreamingContext ssc) {
    int n = 0;
    for (DStream<?> s : ssc.graph().allStreams()) {
      n += s.generatedRdds().size();
    }
    return n;
  }

  /**
   * What a task of the stream's RDDs carries at most: an RDD with its lineage, serialized as a
   * stage payload is (no engine hook exposes the payload size). The largest of the remembered
   * RDDs, since the latest may be a freshly checkpointed one with no lineage at all.
   */
  private static int taskBytes(SluiceContext sc, DStream<?> stream) {
    int max = 0;
    for (RDD<?> rdd : stream.generatedRdds().values()) {
      max = Math.max(max, Internals.context().closureSerializer(sc).serialize(rdd).length);
    }
    return max;
  }

  /** Regular files under {@code dir}; the checkpoint writer renames files meanwhile, so retry a walk that lost one. */
  private static long countFiles(Path dir) {
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).count();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 10) {
          throw new AssertionError("Could not count the files of " + dir, e);
        }
      }
    }
  }

  /**
   * Counted while the context still runs: checkpoint writers create and rename temporary files
   * meanwhile, so an entry that vanishes between listing and visiting is skipped, not an error.
   */
  private static long countRddCheckpointDirs(Path dir) {
    long[] count = {0};
    try {
      Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
          if (d.getFileName().toString().startsWith("rdd-")) {
            count[0]++;
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof java.nio.file.NoSuchFileException) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count[0];
  }

  /** Occurrences of each key in batches from..to; with the inverse window, keys seen before stay at 0. */
  private static TreeMap<String, Integer> expectedCounts(int from, int to, boolean keepZeros) {
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (int b = 1; b <= to; b++) {
      for (int i = 0; i < PER_BATCH; i++) {
        String key = "k" + ((PER_BATCH * (long) b + i) % KEYS);
        if (b >= from) {
          counts.merge(key, 1, Integer::sum);
        } else if (keepZeros) {
          counts.putIfAbsent(key, 0);
        }
      }
    }
    return counts;
  }

  private static Map<String, Integer> toMap(List<Tuple2<String, Integer>> records) {
    TreeMap<String, Integer> map = new TreeMap<>();
    for (Tuple2<String, Integer> r : records) {
      Integer previous = map.put(r._1(), r._2());
      assertEquals(null, previous, "key " + r._1() + " appears twice");
    }
    return map;
  }

  private static void report(List<Sample> samples, long startedNanos) {
    StringBuilder out = new StringBuilder("FlatMemoryTest: ").append(BATCHES).append(" batches in ")
        .append((System.nanoTime() - startedNanos) / 1_000_000).append(" ms\n");
    out.append("batch  liveRdds  blocks  shuffles  trackedBatches  ckptFiles  windowTaskB  stateTaskB  ms/batch\n");
    for (Sample s : samples) {
      out.append(String.format("%5d  %8d  %6d  %8d  %14d  %9d  %11d  %10d  %8.2f%n", s.batch(), s.liveRdds(),
          s.blocks(), s.shuffles(), s.trackedBatches(), s.checkpointFiles(), s.windowTaskBytes(), s.stateTaskBytes(),
          s.msPerBatch()));
    }
    System.out.print(out);
  }
}
