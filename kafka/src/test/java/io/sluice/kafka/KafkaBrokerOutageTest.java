package io.sluice.kafka;

import static io.sluice.kafka.KafkaStreams.lines;
import static io.sluice.kafka.KafkaStreams.params;
import static io.sluice.kafka.KafkaStreams.produce;
import static io.sluice.kafka.KafkaStreams.wordCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.internal.kafka.EmbeddedKafkaBroker;
import io.sluice.streaming.Durations;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.OutputOperationInfo;
import io.sluice.testing.ManualStreaming;
import io.sluice.testing.RecordingListener;
import io.sluice.testing.Sink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away for 20 s while a direct stream runs, then comes back: batches keep being
 * generated (empty while the driver cannot learn the latest offsets), none fails, and once the
 * broker is back every record is counted exactly once — what was written before the outage and after.
 */
class KafkaBrokerOutageTest {
  private static final long OUTAGE_MS = 20_000;
  private static EmbeddedKafkaBroker broker;

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

  @Test
  void batchesGoOnThroughA20SecondBrokerOutageAndNothingIsLostOrCountedTwice() throws Exception {
    broker.createTopic("outage", 2);
    // The driver waits for offsets up to 1 s per batch, so batches stay on time during the outage.
    var conf = ManualStreaming.conf("local[2]").set("sluice.streaming.kafka.offsetsTimeout", "1000");
    try (ManualStreaming streaming = new ManualStreaming(conf, Durations.seconds(1))) {
      RecordingListener listener = new RecordingListener();
      streaming.ssc().addStreamingListener(listener);
      Sink<Tuple2<String, Long>> counts = Sink.create();
      KafkaUtils.<String, String>createDirectStream(streaming.ssc(), params(broker, "outage", "earliest"),
              Set.of("outage"))
          .flatMap(kv -> Arrays.asList(kv._2().split(" ")).iterator())
          .mapToPair(w -> new Tuple2<>(w, 1L)).reduceByKey(Long::sum)
          .foreachRDD(rdd -> rdd.collect().forEach(counts::add));
      streaming.start();

      List<String> before = lines(1, 300);
      produce(broker, "outage", 2, before);
      streaming.runBatches(1);
      streaming.ssc().awaitListenerEvents(10_000);

      List<String> unread = lines(2, 300);
      produce(broker, "outage", 2, unread); // written, not yet read when the broker stops
      long stoppedAt = System.currentTimeMillis();
      broker.stop();
      int outageBatches = 0;
      while (System.currentTimeMillis() - stoppedAt < OUTAGE_MS) {
        streaming.runBatches(1);
        streaming.ssc().awaitListenerEvents(10_000);
        outageBatches++;
      }
      broker.restart();
      List<String> after = lines(3, 300);
      produce(broker, "outage", 2, after);
      // The driver's consumer reconnects with backoff: a batch or two may still find no offsets.
      int afterBatches = 0;
      while (afterBatches < 20 && listener.completedBatches().stream().mapToLong(BatchInfo::numRecords).sum() < 900) {
        streaming.runBatches(1);
        streaming.ssc().awaitListenerEvents(10_000);
        afterBatches++;
      }

      List<String> all = new ArrayList<>(before);
      all.addAll(unread);
      all.addAll(after);
      Map<String, Long> counted = new TreeMap<>();
      counts.values().forEach(c -> counted.merge(c._1(), c._2(), Long::sum));
      assertEquals(wordCounts(all), counted, "every record counted once");
      assertTrue(outageBatches >= 5, "batches kept coming during the outage: " + outageBatches);
      List<BatchInfo> batches = listener.completedBatches();
      assertEquals(1 + outageBatches + afterBatches, batches.size());
      assertTrue(listener.completedOutputOperations().stream().map(OutputOperationInfo::failureReason)
          .allMatch(java.util.Optional::isEmpty), "no batch failed");
      assertEquals(900L, batches.stream().mapToLong(BatchInfo::numRecords).sum());
    }
  }
}
