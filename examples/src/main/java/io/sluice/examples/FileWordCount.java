package io.sluice.examples;

import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;

/**
 * Counts the words of the text files that appear in a directory, one count per one-second batch.
 * The directory may be local or any Hadoop file system URI ({@code hdfs://...}).
 *
 * <p>Run {@code bin/sluice-run-example FileWordCount /tmp/words}, then add files by moving them
 * in, for example {@code echo "a b a" > /tmp/f && mv /tmp/f /tmp/words/}. As the guide says,
 * files must appear atomically (moved or renamed into the directory) and must not change
 * afterwards; files already there at start are ignored. With {@code [seconds]} the example stops
 * gracefully after that long, otherwise it runs until killed.
 */
public final class FileWordCount {
  private static final String USAGE = "FileWordCount <directory> [seconds]";

  private FileWordCount() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      Examples.exitWithUsage(USAGE, null);
    }
    String directory = args[0];
    StreamingContext ssc = new StreamingContext(Examples.conf("FileWordCount"), Durations.seconds(1));
    DStream<String> lines = ssc.textFileStream(directory);
    NetworkWordCount.countWords(lines).print();
    ssc.start();
    System.err.println("Watching " + directory + " for new text files");

    if (args.length == 1) {
      ssc.awaitTermination();
      return;
    }
    int seconds = Examples.positiveInt(args[1], "seconds", USAGE);
    ssc.awaitTerminationOrTimeout(seconds * 1000L);
    ssc.stop(true, true);
    System.exit(0);
  }
}
