package io.sluice.examples;

import io.sluice.core.SluiceConf;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;

/**
 * Word counts of the text files that appear in a directory, written to files, surviving restarts:
 * each batch's counts go to {@code <outputDir>/counts/batch-<time>.txt/} and the running totals
 * since the first start to {@code <outputDir>/totals/batch-<time>.txt/} (one {@code part-*} file
 * per partition, lines such as {@code (word,3)}). All directories may be local or on any Hadoop
 * file system ({@code hdfs://...}).
 *
 * <p>The context comes from {@code StreamingContext.getOrCreate}: stop or kill the program, run it
 * again with the same checkpoint directory, and it carries on where it stopped. Each input file is
 * counted exactly once across restarts: which files make up each batch is part of the checkpoint,
 * so batches that were pending at the crash are regenerated with the same files, and files that
 * arrived while the program was down go to the first batches after the restart; a batch that runs
 * again rewrites its output directories whole, so nothing is counted twice. As for every file
 * stream, files must appear atomically (written elsewhere, or under a name starting with {@code .},
 * then renamed in) and must not change afterwards; files already present at the very first start
 * are ignored, and so are files older than the newest by more than
 * {@code sluice.streaming.fileStream.minRememberDuration} (default 60 s).
 *
 * <p>Locally: {@code bin/sluice-run-example RecoverableFileWordCount /tmp/in /tmp/out /tmp/checkpoint}
 * (the input directory must exist), then {@code echo "a b a" > /tmp/f && mv /tmp/f /tmp/in/}.
 * On YARN, with a dev cluster from {@code bin/sluice-mini-cluster} and its {@code HADOOP_CONF_DIR}
 * exported: {@code bin/sluice-submit submit --class io.sluice.examples.RecoverableFileWordCount
 * --jar examples/target/sluice-examples-*.jar -- hdfs:///user/me/in hdfs:///user/me/out
 * hdfs:///user/me/checkpoint}; on YARN a restarted ApplicationMaster recovers the same way.
 */
public final class RecoverableFileWordCount {
  private static final String USAGE =
      "RecoverableFileWordCount <inputDir> <outputDir> <checkpointDir> [batchSeconds]   (default 2 s)";
  private static final int DEFAULT_BATCH_SECONDS = 2;

  private RecoverableFileWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4) {
      Examples.exitWithUsage(USAGE, null);
    }
    for (int i = 0; i < 3; i++) {
      if (args[i].isBlank()) {
        Examples.exitWithUsage(USAGE, "directories must not be empty");
      }
    }
    int batchSeconds = args.length == 4 ? Examples.positiveInt(args[3], "batchSeconds", USAGE) : DEFAULT_BATCH_SECONDS;
    StreamingContext ssc = getOrCreate(Examples.conf("RecoverableFileWordCount"), args[0], args[1], args[2],
        Durations.seconds(batchSeconds));
    ssc.start();
    System.err.println("Watching " + args[0] + " for new text files; output in " + args[1]);
    ssc.awaitTermination();
  }

  /**
   * Recovers the context from {@code checkpointDir} when it holds a checkpoint (then {@code conf}
   * and {@code batch} are those saved in it); else defines the computation afresh with them.
   */
  static StreamingContext getOrCreate(SluiceConf conf, String inputDir, String outputDir, String checkpointDir,
                                      Duration batch) {
    return StreamingContext.getOrCreate(checkpointDir, () -> create(conf, inputDir, outputDir, checkpointDir, batch));
  }

  private static StreamingContext create(SluiceConf conf, String inputDir, String outputDir, String checkpointDir,
                                         Duration batch) {
    System.err.println("Creating a new context (no checkpoint in " + checkpointDir + ")");
    StreamingContext ssc = new StreamingContext(conf, batch);
    ssc.checkpoint(checkpointDir);
    String output = outputDir.replaceAll("/+$", "");
    PairDStream<String, Integer> counts = NetworkWordCount.countWords(ssc.textFileStream(inputDir));
    counts.saveAsTextFiles(output + "/counts/batch", "txt");
    StatefulNetworkWordCount.runningTotals(counts).saveAsTextFiles(output + "/totals/batch", "txt");
    return ssc;
  }
}
