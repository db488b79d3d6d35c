package io.sluice.examples;

import io.sluice.streaming.DStream;
import io.sluice.streaming.PairDStream;
import java.util.List;
import java.util.Optional;

/**
 * Running word counts since the start, printed every second: updateStateByKey keeps one count per
 * word across batches. State needs a checkpoint directory (a temporary one unless given).
 *
 * <p>{@code bin/sluice-run-example StatefulNetworkWordCount <hostname> <port> [checkpointDir]}, or
 * {@code bin/sluice-run-example StatefulNetworkWordCount --demo [seconds]}.
 */
public final class StatefulNetworkWordCount {
  private static final String USAGE = "StatefulNetworkWordCount <hostname> <port> [checkpointDir]\n"
      + "   or: StatefulNetworkWordCount --demo [seconds]";

  private StatefulNetworkWordCount() {}

  public static void main(String[] args) throws Exception {
    Examples.runCheckpointedSocketExample("StatefulNetworkWordCount", args, USAGE, 10,
        StatefulNetworkWordCount::runningCounts);
  }

  /** Adds each batch's counts to the running total of every word seen so far. */
  public static PairDStream<String, Integer> runningCounts(DStream<String> lines) {
    return runningTotals(NetworkWordCount.countWords(lines));
  }

  /** Running totals of per-batch counts: each word's total is kept as state across batches. */
  public static PairDStream<String, Integer> runningTotals(PairDStream<String, Integer> batchCounts) {
    return batchCounts.updateStateByKey(
        (List<Integer> newCounts, Optional<Integer> total) ->
            Optional.of(total.orElse(0) + newCounts.stream().mapToInt(Integer::intValue).sum()));
  }
}
