package io.sluice.kafka;

import static io.sluice.kafka.KafkaStreams.params;
import static io.sluice.kafka.KafkaStreams.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.streaming.Durations;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import io.sluice.testing.Sink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a Kafka source meets besides plain records, against a real broker: offsets Kafka no longer
 * holds (each auto.offset.reset rule), aborted transactions, compacted topics with gaps, and bad
 * input (unknown topic, unreachable or malformed bootstrap servers, records a deserializer rejects).
 */
class KafkaEdgeCasesTest {
  private static EmbeddedKafkaBroker broker;
  private final List<ManualStreaming> contexts = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    // The log cleaner must run within the test's patience for the compacted-topic case.
    broker = EmbeddedKafkaBroker.start(Map.of("log.cleaner.backoff.ms", "100",
        "log.cleaner.min.compaction.lag.ms", "0"));
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

  private ManualStreaming streaming() {
    ManualStreaming streaming = new ManualStreaming(ManualStreaming.conf("local[2]"), Durations.seconds(1));
    contexts.add(streaming);
    return streaming;
  }

  private static List<String> numbered(String prefix, int n) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(prefix + i);
    }
    return values;
  }

  // ---------------------------------------------------------------- offsets out of range

  @Test
  void offsetsDeletedBeforeTheyWereReadFollowAutoOffsetReset() throws Exception {
    broker.createTopic("retention", 1);
    produce(broker, "retention", 1, numbered("r", 100));
    TopicPartition p0 = new TopicPartition("retention", 0);
    broker.admin().deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(60))).all().get(10, TimeUnit.SECONDS);

    // none: the batch fails, naming the partition, the offset and what Kafka still holds.
    ManualStreaming strict = streaming();
    RecordingListener listener = new RecordingListener();
    strict.ssc().addStreamingListener(listener);
    Map<String, Object> none = params(broker, "strict", "none");
    KafkaUtils.<String, String>createDirectStream(strict.ssc(), none, Map.of(p0, 10L)).count().print();
    strict.start();
    strict.runBatches(1);
    strict.ssc().awaitListenerEvents(10_000);
    String failure = listener.completedOutputOperations().get(0).failureReason().orElseThrow();
    assertTrue(failure.contains("Offset 10 of topic retention, partition 0 is out of range: Kafka holds [60, 100)")
        && failure.contains("auto.offset.reset=none"), failure);

    // earliest: the batch starts at the first offset Kafka still has.
    strict.close();
    ManualStreaming lenient = streaming();
    Sink<String> values = Sink.create();
    KafkaUtils.<String, String>createDirectStream(lenient.ssc(), params(broker, "lenient", "earliest"),
        Map.of(p0, 10L)).map(Tuple2::_2).foreachRDD(rdd -> rdd.collect().forEach(values::add));
    lenient.start();
    lenient.runBatches(1);
    lenient.ssc().awaitListenerEvents(10_000);
    assertEquals(numbered("r", 100).subList(60, 100), values.values());
  }

  @Test
  void aTopicDeletedWhileTheStreamReadsItFailsTheBatchNamingTheTopic() throws Exception {
    broker.createTopic("doomed", 1);
    produce(broker, "doomed", 1, List.of("x"));
    ManualStreaming streaming = streaming();
    RecordingListener listener = new RecordingListener();
    streaming.ssc().addStreamingListener(listener);
    KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params(broker, "doomed", "earliest"),
        Set.of("doomed")).count().print();
    streaming.start();
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);
    broker.deleteTopic("doomed");
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    List<OutputOperationInfo> ops = listener.completedOutputOperations();
    assertTrue(ops.get(0).failureReason().isEmpty(), "the batch before the deletion");
    String reason = ops.get(1).failureReason().orElseThrow();
    assertTrue(reason.contains("Topic 'doomed' no longer exists"), reason);
  }

  // ---------------------------------------------------------------- transactions and compaction

  @Test
  void abortedTransactionsAreSkippedAndTheirOffsetsStillEndTheRange() throws Exception {
    broker.createTopic("transactions", 1);
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("transactional.id", "edge-cases");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
        new StringSerializer())) {
      producer.initTransactions();
      for (String outcome : List.of("commit-a", "abort", "commit-b")) {
        producer.beginTransaction();
        for (String value : numbered(outcome + "-", 5)) {
          producer.send(new ProducerRecord<>("transactions", 0, null, value));
        }
        // Written to the log before the abort, else the producer just drops them and there is nothing to skip.
        producer.flush();
        if (outcome.equals("abort")) {
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
        }
      }
    }
    ManualStreaming streaming = streaming();
    Map<String, Object> params = params(broker, "tx", "earliest");
    params.put("isolation.level", "read_committed");
    Sink<String> values = Sink.create();
    Sink<Long> offsetsPerBatch = Sink.create();
    var stream = KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params, Set.of("transactions"));
    stream.foreachRDD(rdd -> offsetsPerBatch.add(((HasOffsetRanges) rdd).offsetRanges()[0].count()));
    stream.map(Tuple2::_2).foreachRDD(rdd -> rdd.collect().forEach(values::add));
    streaming.start();
    // The last commit marker may reach the partition a moment after commitTransaction returned;
    // until then the last stable offset, where batches end, is before the last transaction.
    for (int batch = 0; batch < 10 && values.size() < 10; batch++) {
      streaming.runBatches(1);
      streaming.ssc().awaitListenerEvents(10_000);
    }

    List<String> expected = new ArrayList<>(numbered("commit-a-", 5));
    expected.addAll(numbered("commit-b-", 5));
    assertEquals(expected, values.values(), "committed records only, in order");
    // 15 records and 3 transaction markers: the ranges cover them all, though only 10 records come out.
    assertEquals(18L, offsetsPerBatch.values().stream().mapToLong(Long::longValue).sum(), "offsets per batch " + offsetsPerBatch.values());
  }

  @Test
  void aCompactedTopicWithGapsInItsOffsetsIsReadToTheEndOfEachRange() throws Exception {
    broker.createTopic("compacted", 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
        "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "0"));
    Map<String, Object> config = new HashMap<>();
    try (var producer = broker.newProducer(config)) {
      for (int round = 0; round < 20; round++) {
        for (int key = 0; key < 5; key++) {
          producer.send(new ProducerRecord<>("compacted", 0, "k" + key, "v" + round)).get();
        }
        Thread.sleep(20); // lets segments roll, so older ones can be cleaned
      }
    }
    long compactedCount = awaitStableCompaction("compacted", 100);
    TopicPartition partition = new TopicPartition("compacted", 0);
    long endOffset = broker.admin().listOffsets(Map.of(partition, OffsetSpec.latest())).all()
        .get(10, TimeUnit.SECONDS).get(partition).offset();
    ManualStreaming streaming = streaming();
    Sink<Tuple2<String, String>> values = Sink.create();
    Sink<Long> offsets = Sink.create();
    var stream = KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params(broker, "compact", "earliest"),
        Set.of("compacted"));
    stream.foreachRDD(rdd -> offsets.add(((HasOffsetRanges) rdd).offsetRanges()[0].count()));
    stream.foreachRDD(rdd -> rdd.collect().forEach(values::add));
    streaming.start();
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    assertEquals(endOffset, offsets.values().get(0), "the range spans every offset, gaps included");
    assertEquals(compactedCount, values.size(), "only the records compaction kept");
    assertTrue(compactedCount < endOffset, "there are gaps: " + compactedCount + " records in " + endOffset);
    assertTrue(values.values().contains(new Tuple2<>("k3", "v19")), "the latest value of each key survives");
  }

  /**
   * Waits until compaction removed records, then turns the cleaner off for the topic and waits
   * until the count stays put, so the stream reads what the test counted.
   */
  private static long awaitStableCompaction(String topic, int written) throws Exception {
    awaitCompaction(topic, written);
    var resource = new org.apache.kafka.common.config.ConfigResource(
        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
    broker.admin().incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
        new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "delete"),
        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET), new org.apache.kafka.clients.admin.AlterConfigOp(
        new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "-1"),
        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
    long previous = -1;
    long count = KafkaStreams.countRecords(broker, topic);
    while (count != previous) {
      Thread.sleep(1000);
      previous = count;
      count = KafkaStreams.countRecords(broker, topic);
    }
    return count;
  }

  /** Waits until compaction removed records; returns how many are left of {@code written}. */
  private static long awaitCompaction(String topic, int written) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      long left = KafkaStreams.countRecords(broker, topic);
      if (left < written) {
        return left;
      }
      // Another record rolls the active segment, which holds back cleaning of the rest.
      try (var producer = broker.newProducer(Map.of())) {
        producer.send(new ProducerRecord<>(topic, 0, "k0", "v19")).get();
      }
      written++;
      Thread.sleep(500);
    }
    throw new AssertionError("The broker did not compact " + topic + " within 60 s");
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void anUnknownTopicFailsStartNamingIt() throws Exception {
    ManualStreaming streaming = streaming();
    KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params(broker, "unknown", "earliest"),
        Set.of("no-such-topic")).count().print();
    Exception e = assertThrows(Exception.class, streaming::start);
    assertTrue(causes(e).contains("Topic 'no-such-topic' does not exist on the Kafka cluster at bootstrap.servers="
        + broker.bootstrapServers()), causes(e));
  }

  @Test
  void badBootstrapServersFailStartClearly() throws Exception {
    ManualStreaming unreachable = streaming();
    Map<String, Object> params = params(broker, "bad", "earliest");
    params.put("bootstrap.servers", "localhost:1");
    params.put("default.api.timeout.ms", "2000");
    KafkaUtils.<String, String>createDirectStream(unreachable.ssc(), params, Set.of("words")).count().print();
    Exception down = assertThrows(Exception.class, unreachable::start);
    assertTrue(causes(down).contains("Cannot reach Kafka at bootstrap.servers=localhost:1"), causes(down));
    unreachable.close();

    ManualStreaming malformed = streaming();
    Map<String, Object> garbage = params(broker, "bad", "earliest");
    garbage.put("bootstrap.servers", "no port here");
    KafkaUtils.<String, String>createDirectStream(malformed.ssc(), garbage, Set.of("words")).count().print();
    Exception bad = assertThrows(Exception.class, malformed::start);
    assertTrue(causes(bad).contains("bootstrap.servers"), causes(bad));
  }

  @Test
  void aRecordTheDeserializerRejectsFailsTheBatchNamingTopicPartitionAndOffset() throws Exception {
    broker.createTopic("poison", 1);
    produce(broker, "poison", 1, List.of("ok-0", "ok-1", "POISON", "ok-3"));
    ManualStreaming streaming = streaming();
    RecordingListener listener = new RecordingListener();
    streaming.ssc().addStreamingListener(listener);
    Map<String, Object> params = params(broker, "poison", "earliest");
    params.put("value.deserializer", RejectingDeserializer.class);
    KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params, Set.of("poison")).count().print();
    streaming.start();
    streaming.runBatches(1);
    streaming.ssc().awaitListenerEvents(10_000);

    OutputOperationInfo failed = listener.completedOutputOperations().get(0);
    String reason = failed.failureReason().orElseThrow();
    assertTrue(reason.contains("topic poison, partition 0, offset 2"), reason);
    assertTrue(reason.contains("rejected POISON"), reason);
  }

  /** A value deserializer that refuses one value, as a schema mismatch would. */
  public static final class RejectingDeserializer implements Deserializer<String> {
    @Override
    public String deserialize(String topic, byte[] data) {
      String value = new String(data, StandardCharsets.UTF_8);
      if (value.equals("POISON")) {
        throw new IllegalArgumentException("rejected " + value);
      }
      return value;
    }
  }

  private static String causes(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append(" | ");
    }
    return all.toString();
  }
}
