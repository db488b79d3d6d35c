package io.sluice.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.PairRDD;
import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.core.TaskContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {
  private static SluiceContext sc;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    sc = new SluiceContext(new SluiceConf(false).setMaster("local[2]").setAppName("test").set("sluice.ui.enabled", "false"));
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.close();
    }
  }

  private String out(String name) {
    return tmp.resolve(name).toUri().toString();
  }

  /** Visible files of an output directory, without Hadoop's local .crc checksum files. */
  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> lines(int n) {
    return IntStream.range(0, n).mapToObj(i -> "line " + i + " \u00e9\u4e2d").collect(Collectors.toList());
  }

  @Test
  void textFileRoundTrip() throws IOException {
    List<String> data = lines(100);
    sc.parallelize(data, 3).saveAsTextFile(out("text"));
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001", "part-00002"), listing(tmp.resolve("text")));
    assertEquals(0, Files.size(tmp.resolve("text/_SUCCESS")));
    assertEquals(data.subList(0, 33), Files.readAllLines(tmp.resolve("text/part-00000"), StandardCharsets.UTF_8));
    assertEquals(data, HadoopFiles.textFile(sc, out("text"), 1).collect());
  }

  @Test
  void nullsAndObjectsAreWrittenWithStringValueOf() throws IOException {
    sc.parallelize(java.util.Arrays.asList(1, null, 3), 1).saveAsTextFile(out("values"));
    assertEquals(List.of("1", "null", "3"), Files.readAllLines(tmp.resolve("values/part-00000")));
  }

  @Test
  void emptyRddWritesOnlyTheMarker() throws IOException {
    sc.<String>emptyRDD().saveAsTextFile(out("empty"));
    assertEquals(List.of("_SUCCESS"), listing(tmp.resolve("empty")));
  }

  @Test
  void existingOutputDirectoryFailsBeforeRunning() throws IOException {
    Files.createDirectory(tmp.resolve("exists"));
    Files.writeString(tmp.resolve("exists/keep.txt"), "keep");
    String path = out("exists");
    SluiceException e = assertThrows(SluiceException.class,
        () -> sc.parallelize(List.of("a"), 1).saveAsTextFile(path));
    assertEquals("Output directory " + path + " already exists", e.getMessage());
    assertEquals(List.of("keep.txt"), listing(tmp.resolve("exists")));
  }

  @Test
  void withoutValidationAnExistingDirectoryIsWrittenInto() throws IOException {
    sc.parallelize(List.of("old-0", "old-1"), 2).saveAsTextFile(out("rerun"));
    FileOutputs.saveAsTextFile(sc.parallelize(List.of("new-0", "new-1"), 2), out("rerun"), false);
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), listing(tmp.resolve("rerun")));
    assertEquals(List.of("new-0", "new-1"), HadoopFiles.textFile(sc, out("rerun"), 1).collect());
  }

  @Test
  void failedJobLeavesNoOutputDirectory() {
    RDD<Integer> failing = sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> {
      if (x == 3) {
        throw new IllegalStateException("boom on " + x);
      }
      return x;
    });
    Exception e = assertThrows(Exception.class, () -> failing.saveAsTextFile(out("failed")));
    assertTrue(String.valueOf(e.getMessage()).contains("boom on 3"), String.valueOf(e.getMessage()));
    assertFalse(Files.exists(tmp.resolve("failed")), "output directory left behind");
  }

  @Test
  void retriedTaskReplacesTheFirstAttemptsOutput() throws IOException {
    RDD<Integer> flaky = sc.parallelize(IntStream.range(0, 20).boxed().collect(Collectors.toList()), 2)
        .mapPartitions(it -> {
          List<Integer> all = new ArrayList<>();
          it.forEachRemaining(all::add);
          TaskContext task = TaskContext.get();
          if (task.partitionId() == 1 && task.attemptNumber() == 0) {
            // Hand out some records, so the first attempt has written part of its file, then fail.
            return Stream.concat(all.stream().limit(3), Stream.<Integer>generate(() -> {
              throw new IllegalStateException("first attempt fails");
            })).iterator();
          }
          return all.iterator();
        });
    flaky.saveAsTextFile(out("retried"));
    List<String> expected = IntStream.range(0, 20).mapToObj(String::valueOf).collect(Collectors.toList());
    assertEquals(expected, HadoopFiles.textFile(sc, out("retried"), 1).collect());
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), listing(tmp.resolve("retried")));
  }

  @Test
  void missingInputPathIsReported() {
    String missing = out("missing");
    SluiceException e = assertThrows(SluiceException.class, () -> HadoopFiles.textFile(sc, missing, 2).count());
    assertTrue(e.getMessage().startsWith("Input path does not exist: "), e.getMessage());
    assertTrue(e.getMessage().contains(tmp.resolve("missing").toString()), e.getMessage());
  }

  @Test
  void minPartitionsSplitsASingleFile() throws IOException {
    List<String> data = lines(1000);
    Files.write(tmp.resolve("big.txt"), data, StandardCharsets.UTF_8);
    RDD<String> read = HadoopFiles.textFile(sc, out("big.txt"), 5);
    assertTrue(read.getNumPartitions() >= 5, "partitions: " + read.getNumPartitions());
    assertEquals(data, read.collect());
    assertEquals(1, HadoopFiles.textFile(sc, out("big.txt"), 1).getNumPartitions());
  }

  @Test
  void readsGlobsAndCommaSeparatedPaths() throws IOException {
    Files.createDirectory(tmp.resolve("g"));
    Files.writeString(tmp.resolve("g/a.txt"), "a1\na2\n");
    Files.writeString(tmp.resolve("g/b.txt"), "b1\n");
    Files.writeString(tmp.resolve("g/c.log"), "c1\n");
    Files.writeString(tmp.resolve("g/_ignored.txt"), "x\n");
    assertEquals(List.of("a1", "a2", "b1"), HadoopFiles.textFile(sc, out("g") + "*.txt", 1).collect());
    String both = out("g/a.txt") + "," + out("g/c.log");
    assertEquals(List.of("a1", "a2", "c1"), HadoopFiles.textFile(sc, both, 1).collect());
    assertEquals(List.of("a1", "a2", "b1", "c1"), HadoopFiles.textFile(sc, out("g"), 1).collect());
  }

  @Test
  void literalPathsReadFilesWithGlobCharactersAndCommas() throws IOException {
    Files.createDirectory(tmp.resolve("odd"));
    Files.writeString(tmp.resolve("odd/eX.txt"), "decoy\n");
    for (String name : List.of("a[1].txt", "b{x}.txt", "c,d.txt", "e*.txt", "f?\\.txt")) {
      Files.writeString(tmp.resolve("odd").resolve(name), name + "\n");
      String path = new org.apache.hadoop.fs.Path(tmp.resolve("odd").resolve(name).toUri()).toString();
      assertEquals(List.of(name), HadoopFiles.textFile(sc, HadoopFiles.literalPath(path), 1).collect(), name);
    }
  }

  record Point(int x, String label) implements java.io.Serializable {}

  @Test
  void objectFileRoundTrip() throws IOException {
    List<Point> points = IntStream.range(0, 45).mapToObj(i -> new Point(i, "p" + i)).collect(Collectors.toList());
    sc.parallelize(points, 3).saveAsObjectFile(out("objects"));
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001", "part-00002"), listing(tmp.resolve("objects")));
    RDD<Point> read = HadoopFiles.objectFile(sc, out("objects"), 1);
    assertEquals(points, read.collect());
  }

  @Test
  void saveAsHadoopFileWithTextOutputFormat() {
    PairRDD<String, Integer> pairs = sc.parallelizePairs(List.of(new Tuple2<>("a", 1), new Tuple2<>("b", 2)), 2);
    pairs.saveAsHadoopFile(out("hadoop-text"), String.class, Integer.class, TextOutputFormat.class);
    assertEquals(List.of("a\t1", "b\t2"), HadoopFiles.textFile(sc, out("hadoop-text"), 1).collect());
    assertTrue(Files.exists(tmp.resolve("hadoop-text/_SUCCESS")));
  }

  @Test
  void saveAsHadoopFileWithSequenceFileOutputFormat() {
    PairRDD<String, Integer> pairs = sc.parallelizePairs(List.of(new Tuple2<>("a", 1), new Tuple2<>("b", 2),
        new Tuple2<>("c", 3)), 2);
    PairRDD<Text, IntWritable> writables = pairs.mapToPair(kv -> new Tuple2<>(new Text(kv._1()),
        new IntWritable(kv._2())));
    writables.saveAsHadoopFile(out("seq"), Text.class, IntWritable.class, SequenceFileOutputFormat.class);
    List<Tuple2<String, Integer>> read = HadoopFiles.sequenceFile(sc, out("seq"), Text.class, IntWritable.class, 1)
        .mapToPair(kv -> new Tuple2<>(kv._1().toString(), kv._2().get())).collect();
    assertEquals(pairs.collect(), read);
  }

  @Test
  void readWritablesAreCopied() {
    PairRDD<Text, IntWritable> writables = sc.parallelizePairs(List.of(new Tuple2<>("x", 1), new Tuple2<>("y", 2)), 1)
        .mapToPair(kv -> new Tuple2<>(new Text(kv._1()), new IntWritable(kv._2())));
    writables.saveAsHadoopFile(out("copied"), Text.class, IntWritable.class, SequenceFileOutputFormat.class);
    // Grouping the records of a partition keeps every object; reused Writables would all be (y, 2).
    List<List<String>> grouped = HadoopFiles.sequenceFile(sc, out("copied"), Text.class, IntWritable.class, 1)
        .glom().map(list -> list.stream().map(kv -> kv._1() + "=" + kv._2()).collect(Collectors.toList()))
        .collect();
    assertEquals(List.of(List.of("x=1", "y=2")), grouped);
  }
}
