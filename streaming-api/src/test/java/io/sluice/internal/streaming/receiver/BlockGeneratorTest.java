package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.internal.storage.BlockId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockGeneratorTest {

  /** Collects the blocks a generator pushes. */
  private static final class Blocks implements BlockGenerator.Listener {
    final List<BlockId.StreamBlock> ids = new CopyOnWriteArrayList<>();
    final List<List<Object>> contents = new CopyOnWriteArrayList<>();

    @Override
    public void onBlockReady(BlockId.StreamBlock id, List<Object> records) {
      ids.add(id);
      contents.add(records);
    }

    List<Object> all() {
      return contents.stream().flatMap(List::stream).collect(Collectors.toList());
    }

    int count() {
      return contents.stream().mapToInt(List::size).sum();
    }
  }

  @Test
  void recordsBecomeOneBlockPerIntervalInOrder() {
    Blocks blocks = new Blocks();
    BlockGenerator generator = new BlockGenerator(3, 20, 0, 10, blocks);
    generator.start();
    IntStream.range(0, 100).forEach(generator::add);
    await("first block", () -> blocks.count() == 100);
    IntStream.range(100, 200).forEach(generator::add);
    await("second block", () -> blocks.count() == 200);
    generator.stop();

    assertTrue(blocks.ids.size() >= 2, "records added in two intervals make at least two blocks");
    assertEquals(IntStream.range(0, 200).boxed().collect(Collectors.toList()), blocks.all());
    assertEquals(blocks.ids.size(), new HashSet<>(blocks.ids).size(), "block ids are unique");
    blocks.ids.forEach(id -> assertEquals(3, id.streamId()));
    for (int i = 1; i < blocks.ids.size(); i++) {
      assertTrue(blocks.ids.get(i).uniqueId() > blocks.ids.get(i - 1).uniqueId(), "ids increase");
    }
  }

  @Test
  void concurrentAddsLoseNothingAndKeepEachProducersOrder() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = new BlockGenerator(0, 5, 0, 4, blocks);
    generator.start();
    int producers = 8;
    int perProducer = 50_000;
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      long base = (long) p * perProducer;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perProducer; i++) {
          generator.add(base + i);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    generator.stop();

    List<Object> all = blocks.all();
    assertEquals(producers * perProducer, all.size());
    assertEquals(all.size(), new HashSet<>(all).size(), "no record was duplicated");
    long[] lastSeen = new long[producers];
    java.util.Arrays.fill(lastSeen, -1);
    for (Object record : all) {
      long value = (Long) record;
      int producer = (int) (value / perProducer);
      assertTrue(value > lastSeen[producer], "producer " + producer + " records stay in order");
      lastSeen[producer] = value;
    }
  }

  @Test
  void stopFlushesThePartialBlockAndRejectsLaterRecords() {
    Blocks blocks = new Blocks();
    BlockGenerator generator = new BlockGenerator(1, TimeUnit.HOURS.toMillis(1), 0, 10, blocks);
    generator.start();
    List.of("a", "b", "c").forEach(generator::add);
    generator.stop();

    assertEquals(List.of(List.of("a", "b", "c")), blocks.contents);
    assertThrows(SluiceException.class, () -> generator.add("late"));
    generator.stop(); // idempotent
  }

  @Test
  void emptyIntervalsProduceNoBlocks() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = new BlockGenerator(1, 5, 0, 10, blocks);
    generator.start();
    Thread.sleep(60); // a dozen empty intervals
    generator.add("x");
    await("the one block", () -> blocks.count() == 1);
    Thread.sleep(30);
    generator.stop();
    assertEquals(List.of(List.of("x")), blocks.contents);
  }

  @Test
  void aFullQueueBlocksTheProducerUntilBlocksAreStored() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch listenerEntered = new CountDownLatch(1);
    Blocks stored = new Blocks();
    BlockGenerator generator = new BlockGenerator(0, 5, 0, 1, (id, records) -> {
      listenerEntered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stored.onBlockReady(id, records);
    });
    generator.start();
    AtomicLong added = new AtomicLong();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer = new Thread(() -> {
      while (producing.get()) {
        generator.add(added.get());
        added.incrementAndGet();
      }
    });
    producer.start();
    assertTrue(listenerEntered.await(10, TimeUnit.SECONDS));

    // One block in the listener, one queued, one held by the timer: the producer must stall.
    await("the producer to block", () -> {
      long before = added.get();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return added.get() == before && producer.getState() == Thread.State.BLOCKED;
    });
    assertEquals(0, stored.count(), "nothing stored while the listener is held");

    long stalledAt = added.get();
    release.countDown();
    await("the producer to resume", () -> added.get() > stalledAt + 1000);
    producing.set(false);
    producer.join(10_000);
    generator.stop();
    assertEquals(added.get(), stored.count(), "every record added was stored");
  }

  @Test
  void maxRateBoundsThroughput() {
    Blocks blocks = new Blocks();
    BlockGenerator generator = new BlockGenerator(0, 20, 1000, 10, blocks);
    generator.start();
    long start = System.nanoTime();
    for (int i = 0; i < 600; i++) {
      generator.add(i);
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    generator.stop();

    // 600 records at 1000/s take about 600 ms; allow for timer slack and slow machines.
    assertTrue(elapsedMs >= 300, "600 records at 1000/s took only " + elapsedMs + " ms");
    assertTrue(elapsedMs < 5_000, "600 records at 1000/s took " + elapsedMs + " ms");
    assertEquals(600, blocks.count());
  }

  @Test
  void blockIdsNeverRepeatAcrossGenerators() {
    Set<BlockId.StreamBlock> ids = new HashSet<>();
    for (int run = 0; run < 20; run++) {
      Blocks blocks = new Blocks();
      BlockGenerator generator = new BlockGenerator(0, TimeUnit.HOURS.toMillis(1), 0, 10, blocks);
      generator.start();
      generator.add(run);
      generator.stop();
      ids.addAll(blocks.ids);
    }
    assertEquals(20, ids.size());
  }

  @Test
  void aFailingListenerIsReportedAndLaterBlocksStillFlow() {
    List<Object> reported = new CopyOnWriteArrayList<>();
    Blocks stored = new Blocks();
    AtomicBoolean failNext = new AtomicBoolean(true);
    BlockGenerator generator = new BlockGenerator(0, 10, 0, 10, new BlockGenerator.Listener() {
      @Override
      public void onBlockReady(BlockId.StreamBlock id, List<Object> records) {
        if (failNext.getAndSet(false)) {
          throw new IllegalStateException("disk full");
        }
        stored.onBlockReady(id, records);
      }

      @Override
      public void onPushError(BlockId.StreamBlock id, int numRecords, Throwable error) {
        reported.add(numRecords);
      }
    });
    generator.start();
    generator.add("lost");
    await("the failure report", () -> reported.size() == 1);
    generator.add("kept");
    generator.stop();
    assertEquals(List.of(1), reported);
    assertEquals(List.of("kept"), stored.all());
  }
}
