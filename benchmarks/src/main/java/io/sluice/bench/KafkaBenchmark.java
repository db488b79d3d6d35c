package io.sluice.bench;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.examples.NetworkWordCount;
import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.kafka.HasOffsetRanges;
import io.sluice.kafka.KafkaUtils;
import io.sluice.kafka.OffsetRange;
import io.sluice.streaming.Duration;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.StreamingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The word count over a Kafka direct stream: a topic is pre-filled with the {@link Workload}'s
 * lines (the socket benchmarks' generator) on a broker of its own (a child JVM), then the
 * stream reads it with 1 s batches. With {@code --rate}, each batch reads rate x interval lines
 * (through {@code sluice.streaming.kafka.maxRatePerPartition}), so "stable" says whether that
 * rate is sustained; without, backpressure finds the rate. After the measured time the totals
 * counted must equal the words of exactly the lines the batches' offset ranges covered.
 */
public final class KafkaBenchmark {
  static final int PARTITIONS = 4;
  private static final String TOPIC = "bench-lines";
  private static final Logger log = LoggerFactory.getLogger(KafkaBenchmark.class);

  private KafkaBenchmark() {}

  public static KafkaResult run(WordCountOptions options) throws Exception {
    WordLines lines = options.workload().lines();
    long perPartition = linesPerPartition(options);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); DriverTally tally = DriverTally.create()) {
      broker.createTopic(TOPIC, PARTITIONS);
      long fillStart = System.nanoTime();
      fill(broker, lines, options.seed(), perPartition);
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      log.info("Wrote {} lines to {} partitions in {} s", perPartition * PARTITIONS, PARTITIONS, fillSeconds);

      Map<Integer, Long> readUntil = new ConcurrentHashMap<>();
      BatchCollector batches = new BatchCollector();
      StreamingContext ssc = new StreamingContext(conf(options), new Duration(options.batchMs()));
      ssc.addStreamingListener(batches);
      PairInputDStream<String, String> stream = KafkaUtils.createDirectStream(ssc, kafkaParams(broker),
          java.util.Set.of(TOPIC));
      String registry = DriverRegistry.register(readUntil);
      stream.foreachRDD(rdd -> recordRanges(registry, ((HasOffsetRanges) rdd).offsetRanges()));
      String tallyId = tally.id();
      NetworkWordCount.countWords(stream.map(Tuple2::_2))
          .foreachRDD(rdd -> DriverTally.add(tallyId, rdd.collect()));
      ssc.start();
      Thread.sleep(options.warmupMs());
      int from = batches.completedCount();
      Thread.sleep(options.measureMs());
      int to = batches.completedCount();
      ssc.stop(true, true);

      LatencyStats stats = LatencyStats.of(batches.completedBetween(0, to), from, to, options.batchMs());
      Map<String, Long> expected = expectedCounts(lines, options.seed(), readUntil);
      long linesRead = readUntil.values().stream().mapToLong(Long::longValue).sum();
      CountDiff diff = CountDiff.between(expected, tally.snapshot());
      if (!diff.same()) {
        log.error("Counts differ: {} word(s), e.g. {}", diff.mismatched(), diff.examples());
      }
      return new KafkaResult(options, PARTITIONS, perPartition * PARTITIONS, fillSeconds, linesRead,
          tally.totalWords(), diff.mismatched(), linesRead > 0 && diff.same(), stats);
    }
  }

  /** Enough lines for the whole run at the rate asked for (or at 1,500,000 lines/s when unpaced). */
  static long linesPerPartition(WordCountOptions options) {
    long rate = options.rate() > 0 ? options.rate() : 1_500_000;
    long seconds = (options.warmupMs() + options.measureMs()) / 1000 + 3;
    return rate * seconds / PARTITIONS + 1;
  }

  private static SluiceConf conf(WordCountOptions options) {
    SluiceConf conf = new SluiceConf().setMaster(options.master()).setAppName("KafkaBenchmark")
        .set("sluice.ui.enabled", "false");
    if (options.rate() > 0) {
      conf.set("sluice.streaming.kafka.maxRatePerPartition",
          String.valueOf((options.rate() + PARTITIONS - 1) / PARTITIONS));
    }
    conf.set("sluice.streaming.backpressure.enabled", String.valueOf(options.backpressure() || options.rate() == 0));
    return conf;
  }

  private static Map<String, Object> kafkaParams(EmbeddedKafkaBroker broker) {
    Map<String, Object> params = new HashMap<>();
    params.put("bootstrap.servers", broker.bootstrapServers());
    params.put("key.deserializer", StringDeserializer.class);
    params.put("value.deserializer", StringDeserializer.class);
    params.put("group.id", "bench");
    params.put("auto.offset.reset", "earliest");
    // Bigger fetches than the defaults: one poll brings a good share of a batch's range.
    params.put("max.poll.records", "10000");
    params.put("fetch.max.bytes", String.valueOf(64 << 20));
    params.put("max.partition.fetch.bytes", String.valueOf(8 << 20));
    return params;
  }

  /** Pre-fills each partition with its own deterministic sequence of lines. */
  private static void fill(EmbeddedKafkaBroker broker, WordLines lines, long seed, long perPartition)
      throws Exception {
    Map<String, Object> fast = Map.of("linger.ms", 20, "batch.size", 512 * 1024, "acks", "1",
        "buffer.memory", 128L << 20);
    try (Producer<String, String> producer = broker.newProducer(fast)) {
      List<SplittableRandom> streams = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        streams.add(partitionRandom(seed, p));
      }
      byte[] scratch = new byte[lines.maxLineBytes()];
      long[] uncounted = new long[lines.vocabulary().size()];
      Future<?> last = null;
      for (long i = 0; i < perPartition; i++) {
        for (int p = 0; p < PARTITIONS; p++) {
          String line = lines.nextLine(streams.get(p), scratch, uncounted);
          last = producer.send(new ProducerRecord<>(TOPIC, p, null, line));
        }
      }
      producer.flush();
      if (last != null) {
        last.get();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void recordRanges(String registry, OffsetRange[] ranges) {
    Map<Integer, Long> readUntil = DriverRegistry.lookup(registry, Map.class);
    for (OffsetRange range : ranges) {
      readUntil.merge(range.partition(), range.untilOffset(), Math::max);
    }
  }

  /**
   * Partition {@code p}'s lines come from a generator of their own, so line {@code i} of a
   * partition depends only on (seed, p, i) and can be made again to check the counts.
   */
  private static SplittableRandom partitionRandom(long seed, int partition) {
    return new SplittableRandom(seed * 1_000_003L + partition);
  }

  /** The words of the lines the batches read: each partition's first {@code readUntil} lines, regenerated. */
  private static Map<String, Long> expectedCounts(WordLines lines, long seed, Map<Integer, Long> readUntil) {
    long[] perWord = new long[lines.vocabulary().size()];
    byte[] scratch = new byte[lines.maxLineBytes()];
    readUntil.forEach((partition, until) -> {
      SplittableRandom random = partitionRandom(seed, partition);
      for (long i = 0; i < until; i++) {
        lines.writeLine(random, scratch, 0, perWord);
      }
    });
    return lines.countsByWord(perWord);
  }
}
