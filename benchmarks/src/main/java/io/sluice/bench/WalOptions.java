package io.sluice.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the {@code wal} benchmark: the word-count settings both of its runs share, and
 * whether it measures at the given pace or at the most the stream takes in.
 *
 * @param run the settings of each of the two runs
 * @param max unpaced with backpressure off: the receiver takes in lines as fast as it can store
 *     them, and the benchmark compares those ingest rates (see {@link WalResult})
 */
public record WalOptions(WordCountOptions run, boolean max) {
  static final String MAX_FLAG = "--max";

  public WalOptions {
    if (max && (run.rate() != 0 || run.backpressure())) {
      throw new IllegalArgumentException(MAX_FLAG + " runs unpaced with backpressure off;"
          + " it takes neither --rate nor --backpressure on");
    }
  }

  /**
   * Parses the word-count flags plus {@value #MAX_FLAG}, which turns backpressure off unless
   * {@code --backpressure} says otherwise (which is then an error, as is {@code --rate}).
   *
   * @throws IllegalArgumentException naming the bad flag or value
   */
  static WalOptions parse(String[] args, Optional<String> masterProperty) {
    List<String> flags = new ArrayList<>(Arrays.asList(args));
    boolean max = flags.remove(MAX_FLAG);
    if (flags.contains(MAX_FLAG)) {
      throw new IllegalArgumentException(MAX_FLAG + " given twice");
    }
    WordCountOptions run = WordCountOptions.parse(flags.toArray(String[]::new), masterProperty);
    if (max && !flags.contains("--backpressure")) {
      run = new WordCountOptions(run.master(), run.batchMs(), run.warmupMs(), run.measureMs(),
          run.rate(), run.seed(), false, run.workload());
    }
    return new WalOptions(run, max);
  }

  /**
   * How the JSON line names the mode: {@code "max"}, else {@code "paced"} at a rate or
   * {@code "unpaced"} (as fast as backpressure lets the server write).
   */
  String modeName() {
    return max ? "max" : run.rate() > 0 ? "paced" : "unpaced";
  }
}
