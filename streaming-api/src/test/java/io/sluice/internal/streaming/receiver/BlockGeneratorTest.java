package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.LineBlock;
import io.sluice.internal.util.ManualClock;
import io.sluice.internal.util.SystemClock;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BlockGeneratorTest {

  /** Collects the blocks a generator pushes. */
  private static final class Blocks implements BlockGenerator.Listener {
    final List<BlockId.StreamBlock> ids = new CopyOnWriteArrayList<>();
    final List<List<?>> contents = new CopyOnWriteArrayList<>();

    @Override
    public void onBlockReady(BlockId.StreamBlock id, List<?> records) {
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

  private static final long INTERVAL = 20;
  private static final long WAIT_MS = 10_000;
  private final ManualClock clock = new ManualClock();

  private BlockGenerator generator(int streamId, int queueSize, BlockGenerator.Listener listener) {
    return new BlockGenerator(streamId, INTERVAL, 0, queueSize, clock, listener);
  }

  /** Moves the clock one block interval on and waits until the timer waits for the next one: the tick is done. */
  private void tick() throws InterruptedException {
    clock.advance(INTERVAL);
    clock.awaitWaiter(clock.currentTimeMillis() + INTERVAL, WAIT_MS);
  }

  private void started(BlockGenerator generator) throws InterruptedException {
    generator.start();
    clock.awaitWaiter(clock.currentTimeMillis() + INTERVAL, WAIT_MS);
  }

  /** Lines handed over as bytes make a line block per interval; the caller's array is free once handed over. */
  @Test
  void linesHandedOverAsBytesBecomeALineBlockPerInterval() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = generator(3, 10, blocks);
    started(generator);
    byte[] buffer = "a\nb\r\n".getBytes(StandardCharsets.UTF_8);
    generator.addLines(buffer, 0, buffer.length);
    java.util.Arrays.fill(buffer, (byte) 'z');
    byte[] more = "xxc\n".getBytes(StandardCharsets.UTF_8);
    generator.addLines(more, 2, more.length);
    tick();
    generator.addLines(more, 2, more.length);
    generator.stop();

    assertEquals(2, blocks.contents.size());
    assertTrue(blocks.contents.get(0) instanceof LineBlock, "kept as bytes: " + blocks.contents.get(0).getClass());
    assertEquals(List.of("a", "b", "c"), new ArrayList<>(blocks.contents.get(0)));
    assertEquals(List.of("c"), new ArrayList<>(blocks.contents.get(1)));
  }

  @Test
  void recordsBecomeOneBlockPerIntervalInOrder() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = generator(3, 10, blocks);
    started(generator);
    IntStream.range(0, 100).forEach(generator::add);
    tick();
    IntStream.range(100, 200).forEach(generator::add);
    tick();
    tick();
    tick();
    generator.stop();

    assertEquals(List.of(IntStream.range(0, 100).boxed().collect(Collectors.toList()),
        IntStream.range(100, 200).boxed().collect(Collectors.toList())), blocks.contents,
        "exactly one block per interval with records, in order");
    assertEquals(2, new HashSet<>(blocks.ids).size(), "block ids are unique");
    blocks.ids.forEach(id -> assertEquals(3, id.streamId()));
    assertTrue(blocks.ids.get(1).uniqueId() > blocks.ids.get(0).uniqueId(), "ids increase");
  }

  @Test
  void everyIntervalWithRecordsMakesExactlyOneBlock() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = generator(0, 10, blocks);
    started(generator);
    int intervals = 25;
    for (int i = 0; i < intervals; i++) {
      generator.add(i);
      generator.add(-i);
      tick();
    }
    await("the pushes", () -> blocks.ids.size() == intervals);
    generator.stop();
    assertEquals(intervals, blocks.ids.size(), "stop found nothing left to flush");
    for (int i = 0; i < intervals; i++) {
      assertEquals(List.of(i, -i), blocks.contents.get(i));
    }
  }

  @Test
  void concurrentAddsLoseNothingAndKeepEachProducersOrder() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = generator(0, 4, blocks);
    started(generator);
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
    // Blocks are cut while the producers add: the clock moves as fast as the timer takes the ticks.
    while (threads.stream().anyMatch(Thread::isAlive)) {
      tick();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    generator.stop();

    List<Object> all = blocks.all();
    assertTrue(blocks.ids.size() > 1, "blocks were cut while records were added");
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
  void stopFlushesThePartialBlockAndRejectsLaterRecords() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = generator(1, 10, blocks);
    started(generator);
    List.of("a", "b", "c").forEach(generator::add);
    generator.stop();

    assertEquals(List.of(List.of("a", "b", "c")), blocks.contents);
    assertThrows(SluiceException.class, () -> generator.add("late"));
    generator.stop(); // idempotent
  }

  @Test
  void emptyIntervalsProduceNoBlocks() throws InterruptedException {
    Blocks blocks = new Blocks();
    BlockGenerator generator = generator(1, 10, blocks);
    started(generator);
    for (int i = 0; i < 12; i++) {
      tick();
    }
    generator.add("x");
    tick();
    tick();
    tick();
    generator.stop();
    assertEquals(List.of(List.of("x")), blocks.contents);
  }

  @Test
  void aFullQueueBlocksTheProducerUntilBlocksAreStored() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch listenerEntered = new CountDownLatch(1);
    Blocks stored = new Blocks();
    BlockGenerator generator = generator(0, 1, (id, records) -> {
      listenerEntered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stored.onBlockReady(id, records);
    });
    started(generator);
    generator.add("in the listener");
    tick();
    assertTrue(listenerEntered.await(10, TimeUnit.SECONDS));
    generator.add("queued");
    tick();
    generator.add("held by the timer");
    AtomicLong added = new AtomicLong();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer = new Thread(() -> {
      while (producing.get()) {
        generator.add(added.get());
        added.incrementAndGet();
      }
    });
    producer.start();
    // The tick makes the timer take the buffer's lock and wait for room in the queue, holding it.
    clock.advance(INTERVAL);
    await("the producer to block", () -> producer.getState() == Thread.State.BLOCKED);
    long stalledAt = added.get();
    assertEquals(0, stored.count(), "nothing stored while the listener is held");

    release.countDown();
    await("the producer to resume", () -> added.get() > stalledAt);
    producing.set(false);
    producer.join(10_000);
    generator.stop();
    List<Object> expected = new ArrayList<>(List.of("in the listener", "queued", "held by the timer"));
    LongStream.range(0, added.get()).forEach(expected::add);
    assertEquals(expected, stored.all(), "every record added was stored, in order");
  }

  @Test
  void maxRateBoundsThroughput() {
    Blocks blocks = new Blocks();
    // The rate limiter measures real time: this is about throughput, not about block intervals.
    BlockGenerator generator = new BlockGenerator(0, 20, 1000, 10, new SystemClock(), blocks);
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
      BlockGenerator generator = generator(0, 10, blocks);
      generator.start();
      generator.add(run);
      generator.stop();
      ids.addAll(blocks.ids);
    }
    assertEquals(20, ids.size());
  }

  @Test
  void aFailingListenerIsReportedAndLaterBlocksStillFlow() throws InterruptedException {
    List<Object> reported = new CopyOnWriteArrayList<>();
    Blocks stored = new Blocks();
    AtomicBoolean failNext = new AtomicBoolean(true);
    BlockGenerator generator = generator(0, 10, new BlockGenerator.Listener() {
      @Override
      public void onBlockReady(BlockId.StreamBlock id, List<?> records) {
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
    started(generator);
    generator.add("lost");
    tick();
    await("the failure report", () -> reported.size() == 1);
    generator.add("kept");
    generator.stop();
    assertEquals(List.of(1), reported);
    assertEquals(List.of("kept"), stored.all());
  }
}
