package io.sluice.examples;

import io.sluice.api.Tuple2;
import io.sluice.core.RDD;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Feeds a stream from a queue of RDDs, the guide's way to test a streaming program with prepared
 * data: one RDD holding 1..1000 (in 10 partitions) is queued each second for 30 seconds, and every
 * batch prints how many of its numbers end in each digit, {@code (0,100)} to {@code (9,100)}.
 *
 * <p>Run with {@code bin/sluice-run-example QueueStream}; it stops by itself after the last RDD.
 */
public final class QueueStream {
  private static final int RDD_COUNT = 30;
  private static final List<Integer> ONE_TO_THOUSAND =
      IntStream.rangeClosed(1, 1000).boxed().collect(Collectors.toList());

  private QueueStream() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 0) {
      Examples.exitWithUsage("QueueStream", null);
    }
    StreamingContext ssc = new StreamingContext(Examples.conf("QueueStream"), Durations.seconds(1));

    // The queue is filled from this thread while the batch generator drains it, so it must be
    // thread-safe.
    Queue<RDD<Integer>> rddQueue = new ConcurrentLinkedQueue<>();
    DStream<Integer> numbers = ssc.queueStream(rddQueue);
    countByLastDigit(numbers).print();
    ssc.start();

    for (int i = 0; i < RDD_COUNT; i++) {
      rddQueue.add(ssc.sluiceContext().parallelize(ONE_TO_THOUSAND, 10));
      TimeUnit.SECONDS.sleep(1);
    }
    // Each batch takes one RDD; wait for the last to be taken, then let its batch finish.
    while (!rddQueue.isEmpty()) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    ssc.stop(true, true);
    System.exit(0);
  }

  /** Pairs each number with its last digit and counts the numbers per digit in each batch. */
  public static PairDStream<Integer, Integer> countByLastDigit(DStream<Integer> numbers) {
    PairDStream<Integer, Integer> digitOnes = numbers.mapToPair(x -> new Tuple2<>(x % 10, 1));
    return digitOnes.reduceByKey(Integer::sum);
  }
}
