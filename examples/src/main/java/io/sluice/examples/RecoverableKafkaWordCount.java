package io.sluice.examples;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.kafka.KafkaUtils;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import java.util.Set;

/**
 * Word counts of Kafka messages with end-to-end exactly-once output: each batch's counts go to
 * {@code <outputDir>/counts/batch-<time>.txt/} and the running totals to
 * {@code <outputDir>/totals/batch-<time>.txt/}, written with {@code saveAsTextFilesExactlyOnce}.
 *
 * <p>The context comes from {@code StreamingContext.getOrCreate}. Kill the driver (or, on YARN, the
 * ApplicationMaster) and start it again with the same checkpoint directory: the batches that were
 * pending are regenerated with exactly the offset ranges they had (they are in the checkpoint), and
 * their output files are replaced, never duplicated. So the counts of all batch directories add up
 * to exactly the words of the messages read, and the newest totals are exact.
 *
 * <p>Locally: {@code bin/sluice-run-example RecoverableKafkaWordCount localhost:9092 words /tmp/out
 * /tmp/checkpoint}. On YARN see the README ("Kafka on YARN").
 */
public final class RecoverableKafkaWordCount {
  private static final String USAGE = "RecoverableKafkaWordCount <brokers> <topics> <outputDir> <checkpointDir> "
      + "[batchSeconds]   (default 2 s)";
  private static final int DEFAULT_BATCH_SECONDS = 2;

  private RecoverableKafkaWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || args.length > 5) {
      Examples.exitWithUsage(USAGE, null);
    }
    for (int i = 0; i < 4; i++) {
      if (args[i].isBlank()) {
        Examples.exitWithUsage(USAGE, "arguments must not be empty");
      }
    }
    int batchSeconds = args.length == 5 ? Examples.positiveInt(args[4], "batchSeconds", USAGE) : DEFAULT_BATCH_SECONDS;
    StreamingContext ssc = getOrCreate(Examples.conf("RecoverableKafkaWordCount"), args[0], args[1], args[2],
        args[3], Durations.seconds(batchSeconds));
    ssc.start();
    System.err.println("Counting the words of topics " + args[1] + "; output in " + args[2]);
    ssc.awaitTermination();
  }

  static StreamingContext getOrCreate(SluiceConf conf, String brokers, String topics, String outputDir,
                                      String checkpointDir, Duration batch) {
    return StreamingContext.getOrCreate(checkpointDir,
        () -> create(conf, brokers, topics, outputDir, checkpointDir, batch));
  }

  private static StreamingContext create(SluiceConf conf, String brokers, String topics, String outputDir,
                                         String checkpointDir, Duration batch) {
    System.err.println("Creating a new context (no checkpoint in " + checkpointDir + ")");
    StreamingContext ssc = new StreamingContext(conf, batch);
    ssc.checkpoint(checkpointDir);
    String output = outputDir.replaceAll("/+$", "");
    DStream<String> lines = KafkaUtils.<String, String>createDirectStream(ssc,
        DirectKafkaWordCount.kafkaParams(brokers), Set.of(topics.split(","))).map(Tuple2::_2);
    PairDStream<String, Integer> counts = NetworkWordCount.countWords(lines);
    counts.saveAsTextFilesExactlyOnce(output + "/counts/batch", "txt");
    StatefulNetworkWordCount.runningTotals(counts).saveAsTextFilesExactlyOnce(output + "/totals/batch", "txt");
    return ssc;
  }
}
