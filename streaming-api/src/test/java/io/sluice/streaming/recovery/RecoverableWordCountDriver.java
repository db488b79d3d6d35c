package io.sluice.streaming.recovery;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import io.sluice.streaming.PairDStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.receiver.Receiver;
import io.sluice.streaming.scheduler.BatchInfo;
import io.sluice.streaming.scheduler.StreamingListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A recoverable streaming word count, written the way the guide's "How to configure Checkpointing"
 * says a driver that must survive its own failure is written: everything is defined in the
 * function given to {@link StreamingContext#getOrCreate}, so a restarted driver recovers the same
 * computation from the checkpoint instead of defining it anew. Run by the recovery tests in a
 * JVM of its own, on {@code local[2]} with the real clock, and killed with SIGKILL.
 *
 * <p>Arguments: {@code <checkpointDir> <input> <outputPrefix> <batchMs> <mode> [<markerPath>]}
 * <ul>
 *   <li>{@code input}: a directory (any Hadoop URI) watched with {@code textFileStream}, or
 *       {@code tcp://host:port} to read lines from a {@link AckingLineReceiver reliable receiver}
 *       with the write-ahead log on.</li>
 *   <li>outputs: per batch, {@code <outputPrefix>/counts-<batchMs>} (the batch's word counts,
 *       reduceByKey) and {@code <outputPrefix>/totals-<batchMs>} (running totals, updateStateByKey).</li>
 *   <li>{@code mode}: {@code kill} runs until killed; {@code graceful} also stops gracefully
 *       ({@code stop(true, true)}) and exits 0 once {@code markerPath} (any Hadoop URI) exists.</li>
 * </ul>
 * Prints {@code STARTED created} or {@code STARTED recovered} once started,
 * {@code BATCH_COMPLETED <batchTimeMs> <records>} for each completed batch,
 * {@code STOPPED gracefully} before a graceful exit, and {@code FAILED <error>} (exit 3) if a
 * batch fails.
 */
public final class RecoverableWordCountDriver {
  static final String APP_NAME = "recoverable-word-count";
  static final String STARTED = "STARTED ";
  static final String BATCH_COMPLETED = "BATCH_COMPLETED ";
  static final String STOPPED_GRACEFULLY = "STOPPED gracefully";
  /** System property naming the process whose death ends the driver (the test JVM). */
  static final String PARENT_PID = "recovery.test.parentPid";

  private static final AtomicBoolean CREATED = new AtomicBoolean();

  private RecoverableWordCountDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || !(args[4].equals("kill") || args[4].equals("graceful"))
        || (args[4].equals("graceful") && args.length < 6)) {
      System.err.println("usage: RecoverableWordCountDriver <checkpointDir> <input> <outputPrefix> <batchMs> "
          + "kill|graceful [<markerPath>]");
      System.exit(2);
    }
    String checkpointDir = args[0];
    String input = args[1];
    String outputPrefix = args[2];
    long batchMs = Long.parseLong(args[3]);
    boolean graceful = args[4].equals("graceful");
    exitWhenParentDies();

    StreamingContext ssc = StreamingContext.getOrCreate(checkpointDir,
        () -> createContext(checkpointDir, input, outputPrefix, batchMs), new Configuration());
    // Set up on every run, created or recovered (listeners are not part of the checkpoint).
    ssc.addStreamingListener(new StreamingListener() {
      @Override
      public void onBatchCompleted(BatchInfo batch) {
        println(BATCH_COMPLETED + batch.batchTime().milliseconds() + " " + batch.numRecords());
      }
    });
    ssc.start();
    println(STARTED + (CREATED.get() ? "created" : "recovered"));

    if (graceful) {
      watchForMarker(ssc, args[5]);
    }
    try {
      ssc.awaitTermination();
    } catch (Exception e) {
      println("FAILED " + e);
      e.printStackTrace();
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
    println(STOPPED_GRACEFULLY);
    System.exit(0);
  }

  /** The factory: only called when the checkpoint directory holds no checkpoint. */
  static StreamingContext createContext(String checkpointDir, String input, String outputPrefix, long batchMs) {
    CREATED.set(true);
    SluiceConf conf = new SluiceConf().setMaster("local[2]").setAppName(APP_NAME)
        .setIfMissing("sluice.streaming.receiverRestartDelay", "200");
    boolean fromReceiver = input.startsWith("tcp://");
    if (fromReceiver) {
      conf.set("sluice.streaming.receiver.writeAheadLog.enable", "true");
    }
    StreamingContext ssc = new StreamingContext(conf, Durations.milliseconds(batchMs));
    DStream<String> lines;
    if (fromReceiver) {
      String[] hostPort = input.substring("tcp://".length()).split(":");
      lines = ssc.receiverStream(new AckingLineReceiver(hostPort[0], Integer.parseInt(hostPort[1])));
    } else {
      lines = ssc.textFileStream(input);
    }
    PairDStream<String, Integer> ones = lines
        .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
        .filter(word -> !word.isEmpty())
        .mapToPair(word -> new Tuple2<>(word, 1));
    ones.reduceByKey(Integer::sum).saveAsTextFiles(outputPrefix + "/counts");
    ones.updateStateByKey((List<Integer> news, Optional<Integer> total) -> {
      int sum = total.orElse(0);
      for (int n : news) {
        sum += n;
      }
      return Optional.of(sum);
    }).saveAsTextFiles(outputPrefix + "/totals");
    ssc.checkpoint(checkpointDir);
    return ssc;
  }

  /** Stops gracefully once {@code marker} exists: what an operator's "please stop" file would do. */
  private static void watchForMarker(StreamingContext ssc, String marker) {
    Thread watcher = new Thread(() -> {
      try {
        Path path = new Path(marker);
        FileSystem fs = path.getFileSystem(new Configuration());
        while (!fs.exists(path)) {
          Thread.sleep(100);
        }
        println("STOPPING gracefully (found " + marker + ")");
        ssc.stop(true, true);
      } catch (Exception e) {
        println("FAILED watching " + marker + ": " + e);
        Runtime.getRuntime().halt(4);
      }
    }, "graceful-stop-marker-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * With {@code -D}{@value #PARENT_PID}{@code =<pid>} (set by the tests' {@link ChildJvm}), halts
   * once that process is gone, so a test JVM that dies never leaves a driver running.
   */
  private static void exitWhenParentDies() {
    String parent = System.getProperty(PARENT_PID);
    if (parent == null) {
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parent));
    Thread watchdog = new Thread(() -> {
      while (handle.map(ProcessHandle::isAlive).orElse(false)) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.err.println("The parent process " + parent + " is gone; exiting");
      Runtime.getRuntime().halt(5);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  static void println(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }

  /**
   * A reliable receiver of lines from a server that resends what was not acknowledged: the server
   * sends chunks ({@code CHUNK <seq> <n>} then n lines); each chunk is stored as one block with
   * {@link #store(List)}, which returns once the block is stored (durably, in the write-ahead log,
   * when it is on), and only then acknowledged ({@code ACK <seq>}). A chunk stored but not yet
   * acknowledged when the driver dies is sent again: at-least-once, with a window of one chunk.
   */
  static final class AckingLineReceiver extends Receiver<String> {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private transient volatile Socket socket;

    AckingLineReceiver(String host, int port) {
      super(StorageLevel.MEMORY_AND_DISK_SER);
      this.host = host;
      this.port = port;
    }

    @Override
    public void onStart() {
      Thread reader = new Thread(this::receive, "acking-line-receiver-" + host + ":" + port);
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public void onStop() {
      Socket s = socket;
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }

    private void receive() {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 10_000);
        socket = s;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
        Writer out = new OutputStreamWriter(s.getOutputStream(), UTF_8);
        while (!isStopped()) {
          String header = in.readLine();
          if (header == null) {
            restart("the server closed the connection");
            return;
          }
          String[] parts = header.split(" ");
          if (parts.length != 3 || !parts[0].equals("CHUNK")) {
            stop("unexpected line from the server: " + header);
            return;
          }
          long seq = Long.parseLong(parts[1]);
          int n = Integer.parseInt(parts[2]);
          List<String> chunk = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String line = in.readLine();
            if (line == null) {
              restart("the server closed the connection in the middle of chunk " + seq);
              return;
            }
            chunk.add(line);
          }
          store(chunk); // returns once the block is stored (write-ahead log on: durably)
          out.write("ACK " + seq + "\n");
          out.flush();
        }
      } catch (IOException e) {
        if (!isStopped()) {
          restart("connection to " + host + ":" + port + " failed", e);
        }
      }
    }
  }

  /** For the tests' expectations: the words of a line, as the driver splits them. */
  static Iterator<String> words(String line) {
    return Arrays.stream(line.split(" ")).filter(w -> !w.isEmpty()).iterator();
  }
}
