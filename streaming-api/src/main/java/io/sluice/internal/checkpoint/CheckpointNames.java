package io.sluice.internal.checkpoint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of metadata checkpoint files: {@code checkpoint-<batch time ms>} in the checkpoint directory. */
final class CheckpointNames {
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)");

  private CheckpointNames() {}

  static String fileName(long timeMs) {
    return "checkpoint-" + timeMs;
  }

  static String tempFileName(long timeMs) {
    return ".checkpoint-" + timeMs + ".tmp";
  }

  /** The batch time of a checkpoint file name, or -1 if it is not one. */
  static long timeOf(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }
}
