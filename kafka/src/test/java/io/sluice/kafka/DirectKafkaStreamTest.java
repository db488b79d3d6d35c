package io.sluice.kafka;

import static io.sluice.kafka.KafkaStreams.lines;
import static io.sluice.kafka.KafkaStreams.params;
import static io.sluice.kafka.KafkaStreams.produce;
import static io.sluice.kafka.KafkaStreams.wordCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairInputDStream;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import io.sluice.testing.Sink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka direct streams on local[2] against a real KRaft broker (one per class), batches driven by a
 * manual clock: word counts exact batch by batch, offset ranges, partitions added while running,
 * commits to Kafka, and batch sizes bounded by maxRatePerPartition.
 */
class DirectKafkaStreamTest {
  private static EmbeddedKafkaBroker broker;
  private final List<ManualStreaming> contexts = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void stopContexts() {
    contexts.forEach(ManualStreaming::close);
  }

  private ManualStreaming streaming(Map<String, String> conf) {
    var sluiceConf = ManualStreaming.conf("local[2]");
    conf.forEach(sluiceConf::set);
    ManualStreaming streaming = new ManualStreaming(sluiceConf, Durations.seconds(1));
    contexts.add(streaming);
    return streaming;
  }

  @Test
  void wordCountOverFourPartitionsIsExactBatchByBatchWithOneRangePerPartition() throws Exception {
    broker.createTopic("words", 4);
    ManualStreaming streaming = streaming(Map.of());
    RecordingListener listener = new RecordingListener();
    streaming.ssc().addStreamingListener(listener);
    PairInputDStream<String, String> stream = KafkaUtils.createDirectStream(streaming.ssc(),
        params(broker, "wc", "earliest"), Set.of("words"));
    Sink<Tuple2<Long, Map<String, Long>>> counts = Sink.create();
    Sink<OffsetRange> ranges = Sink.create();
    stream.foreachRDD((rdd, time) -> Arrays.stream(((HasOffsetRanges) rdd).offsetRanges()).forEach(ranges::add));
    stream.flatMap(kv -> Arrays.asList(kv._2().split(" ")).iterator())
        .mapToPair(w -> new Tuple2<>(w, 1L))
        .reduceByKey(Long::sum)
        .foreachRDD((rdd, time) -> counts.add(new Tuple2<>(time.milliseconds(), new TreeMap<>(PairRDD.fromRDD(rdd).collectAsMap()))));
    streaming.start();

    List<Map<String, Long>> expected = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      List<String> sent = lines(batch, 200 + 50 * batch);
      produce(broker, "words", 4, sent);
      expected.add(wordCounts(sent));
      streaming.runBatches(1);
      streaming.ssc().awaitListenerEvents(10_000);
    }

    assertEquals(expected, counts.values().stream().map(Tuple2::_2).toList(), "counts of each batch");
    List<OffsetRange> all = ranges.values();
    assertEquals(12, all.size(), "one range per partition per batch: " + all);
    assertEquals(4, all.stream().filter(r -> r.fromOffset() == 0).count());
    assertEquals(List.of(200L, 250L, 300L), listener.completedBatches().stream().map(BatchInfo::numRecords).toList(),
        "records per batch as listeners see them");
  }

  @Test
  void oneStreamReadsSeveralTopicsAndTheRecordHandlerSeesWhereEachRecordCameFrom() throws Exception {
    broker.createTopic("left", 1);
    broker.createTopic("right", 2);
    ManualStreaming streaming = streaming(Map.of());
    Sink<String> seen = Sink.create();
    KafkaUtils.<String, String, String>createDirectStream(streaming.ssc(), params(broker, "multi", "earliest"),
            Set.of("left", "right"), r -> r.topic() + "-" + r.partition() + "@" + r.offset() + ":" + r.value())
        .foreachRDD(rdd -> rdd.collect().forEach(seen::add));
    streaming.start();
    produce(broker, "left", 1, List.of("l0", "l1"));
    produce(broker, "right", 2, List.of("r0", "r1"));
    streaming.runBatches(1);

    assertEquals(List.of("left-0@0:l0", "left-0@1:l1", "right-0@0:r0", "right-1@0:r1"), seen.sortedValues());
  }

  @Test
  void partitionsAddedWhileRunningArePickedUpFromTheirFirstOffset() throws Exception {
    broker.createTopic("growing", 2);
    ManualStreaming streaming = streaming(Map.of());
    Sink<String> values = Sink.create();
    Sink<Integer> partitionsPerBatch = Sink.create();
    PairInputDStream<String, String> stream = KafkaUtils.createDirectStream(streaming.ssc(),
        params(broker, "growing", "earliest"), Set.of("growing"));
    stream.foreachRDD(rdd -> partitionsPerBatch.add(rdd.getNumPartitions()));
    stream.map(Tuple2::_2).foreachRDD(rdd -> rdd.collect().forEach(values::add));
    streaming.start();
    produce(broker, "growing", 2, List.of("a", "b"));
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    broker.addPartitions("growing", 4);
    produce(broker, "growing", 4, List.of("c", "d", "e", "f"));
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    assertEquals(List.of(2, 4), partitionsPerBatch.values());
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), values.sortedValues());
  }

  @Test
  void maxRatePerPartitionBoundsEveryBatchAndTheBacklogIsReadInOrderWithNothingLost() throws Exception {
    broker.createTopic("backlog", 2);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sent.add("w" + i);
    }
    produce(broker, "backlog", 2, sent);
    ManualStreaming streaming = streaming(Map.of("sluice.streaming.kafka.maxRatePerPartition", "150"));
    RecordingListener listener = new RecordingListener();
    streaming.ssc().addStreamingListener(listener);
    Sink<String> values = Sink.create();
    KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params(broker, "rate", "earliest"), Set.of("backlog"))
        .map(Tuple2::_2).foreachRDD(rdd -> rdd.collect().forEach(values::add));
    streaming.start();
    streaming.runBatches(5);
    streaming.ssc().awaitListenerEvents(10_000);

    List<Long> perBatch = listener.completedBatches().stream().map(BatchInfo::numRecords).toList();
    assertEquals(List.of(300L, 300L, 300L, 100L, 0L), perBatch, "150 records/s from each of 2 partitions, 1 s batches");
    assertEquals(new java.util.TreeSet<>(sent), new java.util.TreeSet<>(values.values()));
    assertEquals(1000, values.size(), "no record read twice");
  }

  @Test
  void backpressureBoundsTheFirstBatchByTheInitialRate() throws Exception {
    broker.createTopic("pressure", 2);
    produce(broker, "pressure", 2, lines(7, 2000));
    ManualStreaming streaming = streaming(Map.of("sluice.streaming.backpressure.enabled", "true",
        "sluice.streaming.backpressure.initialRate", "400"));
    RecordingListener listener = new RecordingListener();
    streaming.ssc().addStreamingListener(listener);
    KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params(broker, "pressure", "earliest"),
        Set.of("pressure")).count().print();
    streaming.start();
    streaming.runBatches(2);
    streaming.ssc().awaitListenerEvents(10_000);

    List<Long> perBatch = listener.completedBatches().stream().map(BatchInfo::numRecords).toList();
    assertEquals(400L, perBatch.get(0), "the initial rate shared by the two partitions");
    assertTrue(perBatch.get(1) <= 400L, "still bounded while no estimate exists: " + perBatch);
  }

  @Test
  void withBackpressureAndNoRateSetTheFirstBatchOfABacklogIsStillBounded() throws Exception {
    broker.createTopic("day-of-data", 1);
    List<String> backlog = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      backlog.add("r" + i);
    }
    produce(broker, "day-of-data", 1, backlog);
    ManualStreaming streaming = streaming(Map.of("sluice.streaming.backpressure.enabled", "true"));
    RecordingListener listener = new RecordingListener();
    streaming.ssc().addStreamingListener(listener);
    PairInputDStream<String, String> stream = KafkaUtils.createDirectStream(streaming.ssc(),
        params(broker, "day", "earliest"), Set.of("day-of-data"));
    stream.count().print();
    streaming.start();
    streaming.runBatches(1);
    // What the rate estimator says after a batch reaches the stream, and bounds the next one.
    ((io.sluice.internal.streaming.dstream.InputHooks) stream).updateRate(700);
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    List<Long> perBatch = listener.completedBatches().stream().map(BatchInfo::numRecords).toList();
    assertEquals(List.of(10_000L, 700L), perBatch, "the default first-batch bound, then the estimate");
  }

  @Test
  void commitAsyncStoresTheUntilOffsetsForTheConsumerGroup() throws Exception {
    broker.createTopic("committed", 2);
    produce(broker, "committed", 2, lines(3, 40));
    ManualStreaming streaming = streaming(Map.of());
    PairInputDStream<String, String> stream = KafkaUtils.createDirectStream(streaming.ssc(),
        params(broker, "committer", "earliest"), Set.of("committed"));
    stream.foreachRDD(rdd -> ((CanCommitOffsets) stream).commitAsync(((HasOffsetRanges) rdd).offsetRanges()));
    streaming.start();
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    long deadline = System.currentTimeMillis() + 20_000;
    Map<TopicPartition, Long> committed = Map.of();
    while (System.currentTimeMillis() < deadline) {
      committed = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
      var offsets = broker.admin().listConsumerGroupOffsets("committer").partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, Long> plain = new java.util.HashMap<>();
      offsets.forEach((p, o) -> plain.put(p, o.offset()));
      committed = plain;
      if (committed.size() == 2) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(Map.of(new TopicPartition("committed", 0), 20L, new TopicPartition("committed", 1), 20L), committed);

    // A new stream of the same group with no checkpoint starts at the committed offsets.
    produce(broker, "committed", 2, List.of("late-0", "late-1"));
    streaming.close();
    ManualStreaming second = streaming(Map.of());
    Sink<String> values = Sink.create();
    KafkaUtils.<String, String>createDirectStream(second.ssc(), params(broker, "committer", "earliest"),
        Set.of("committed")).map(Tuple2::_2).foreachRDD(rdd -> rdd.collect().forEach(values::add));
    second.start();
    second.runBatches(1);
    second.ssc().awaitListenerEvents(10_000);
    assertEquals(List.of("late-0", "late-1"), values.sortedValues());
    assertEquals(20L, broker.admin().listOffsets(Map.of(new TopicPartition("committed", 0), OffsetSpec.latest()))
        .all().get().get(new TopicPartition("committed", 0)).offset() - 1);
  }
}
