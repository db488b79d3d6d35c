package io.sluice.streaming.recovery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The per-batch output directories {@code <prefix>-<batchTimeMs>} that {@code saveAsTextFiles}
 * writes, read back from a Hadoop file system: a directory counts once it has its
 * {@code _SUCCESS} marker (the job committed); one without it is a batch caught mid-write.
 * Lines are {@code (word,count)} as Tuple2 prints them.
 */
record BatchDirs(SortedMap<Long, Map<String, Integer>> complete, SortedSet<Long> incomplete) {

  /** The directories named {@code <name>-<ms>} in {@code parent}. */
  static BatchDirs read(FileSystem fs, Path parent, String name) {
    SortedMap<Long, Map<String, Integer>> complete = new TreeMap<>();
    SortedSet<Long> incomplete = new TreeSet<>();
    try {
      FileStatus[] listed;
      try {
        listed = fs.listStatus(parent);
      } catch (FileNotFoundException e) {
        return new BatchDirs(complete, incomplete);
      }
      for (FileStatus dir : listed) {
        String dirName = dir.getPath().getName();
        if (!dir.isDirectory() || !dirName.matches(java.util.regex.Pattern.quote(name) + "-\\d+")) {
          continue;
        }
        long time = Long.parseLong(dirName.substring(name.length() + 1));
        if (!fs.exists(new Path(dir.getPath(), "_SUCCESS"))) {
          incomplete.add(time);
          continue;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (FileStatus part : fs.listStatus(dir.getPath())) {
          if (!part.getPath().getName().startsWith("part-")) {
            continue;
          }
          try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(part.getPath()), UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
              if (line.isEmpty()) {
                continue;
              }
              if (!line.startsWith("(") || !line.endsWith(")") || line.indexOf(',') < 0) {
                throw new AssertionError("unexpected line in " + part.getPath() + ": " + line);
              }
              int comma = line.lastIndexOf(',');
              String word = line.substring(1, comma);
              int count = Integer.parseInt(line.substring(comma + 1, line.length() - 1));
              if (counts.put(word, count) != null) {
                throw new AssertionError("word " + word + " twice in " + dir.getPath());
              }
            }
          }
        }
        complete.put(time, counts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BatchDirs(complete, incomplete);
  }

  /** The per-word sum over every complete directory, each counted once. */
  Map<String, Integer> sum() {
    Map<String, Integer> sum = new TreeMap<>();
    complete.values().forEach(batch -> batch.forEach((w, n) -> sum.merge(w, n, Integer::sum)));
    return sum;
  }

  /** The content of the newest complete directory (empty if there is none). */
  Map<String, Integer> latest() {
    return complete.isEmpty() ? Map.of() : complete.get(complete.lastKey());
  }

  /** The batch times of the complete directories holding {@code word}. */
  SortedSet<Long> timesWith(String word) {
    SortedSet<Long> times = new TreeSet<>();
    complete.forEach((time, counts) -> {
      if (counts.containsKey(word)) {
        times.add(time);
      }
    });
    return times;
  }
}
