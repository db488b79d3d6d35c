package io.sluice.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback text server for the word-count benchmarks. Each client gets lines of the
 * {@link Workload} ({@link WordLines}: 5 to 15 words of a fixed vocabulary, Zipf-distributed) made
 * by a seeded random generator, as fast as the socket accepts them or at a fixed rate, and the
 * server counts exactly how often it wrote each word.
 *
 * <p>Lifecycle: listening once constructed; {@link #stopWriting} ends all writing and returns
 * the exact totals; {@link #close} drops the connections. Connections stay open between the two
 * so the receiver reads everything without seeing the stream break. Thread-safe.
 */
public final class FullSpeedLineServer implements AutoCloseable {
  private final ServerSocket serverSocket;
  private final WordLines wordLines;
  private final long seed;
  private final int linesPerSecond;
  private final List<WordLineWriter> writers = new CopyOnWriteArrayList<>();
  private final AtomicLong linesWritten = new AtomicLong();
  private volatile boolean stopRequested;
  private volatile boolean closed;

  /** A server writing lines of the {@linkplain Workload#DEFAULT default workload}. */
  public FullSpeedLineServer(long seed, int linesPerSecond) throws IOException {
    this(Workload.DEFAULT, seed, linesPerSecond);
  }

  /**
   * @param workload the words the lines draw from and how often each is drawn
   * @param seed seeds the word choice; connection {@code i} uses {@code seed + i}
   * @param linesPerSecond lines per second per connection, or 0 for as fast as possible
   */
  public FullSpeedLineServer(Workload workload, long seed, int linesPerSecond) throws IOException {
    if (linesPerSecond < 0) {
      throw new IllegalArgumentException("linesPerSecond must be >= 0, got " + linesPerSecond);
    }
    this.wordLines = workload.lines();
    this.seed = seed;
    this.linesPerSecond = linesPerSecond;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::acceptLoop, "bench-line-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String host() {
    return serverSocket.getInetAddress().getHostAddress();
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Lines handed to the sockets so far, over all connections; a live, slightly lagging figure. */
  public long linesWrittenSoFar() {
    return linesWritten.get();
  }

  /** How many clients have connected. More than one means the receiver reconnected. */
  public int connections() {
    return writers.size();
  }

  /**
   * Stops every writer after its current line, flushes what it buffered and returns what was
   * written in total. Blocks until all writers are done or {@code timeout} passes.
   *
   * @throws IOException if a writer failed or did not finish in time: the totals would be wrong
   */
  public Written stopWriting(Duration timeout) throws IOException, InterruptedException {
    stopRequested = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    long lines = 0;
    long[] total = new long[wordLines.vocabulary().size()];
    for (WordLineWriter writer : writers) {
      long[] perWord = writer.awaitTotals(deadline - System.nanoTime());
      lines += writer.lines();
      for (int i = 0; i < perWord.length; i++) {
        total[i] += perWord[i];
      }
    }
    return new Written(lines, wordLines.countsByWord(total));
  }

  @Override
  public void close() {
    stopRequested = true;
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // best effort
    }
    writers.forEach(WordLineWriter::closeSocket);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        WordLineWriter writer = new WordLineWriter(socket, wordLines, seed + writers.size(),
            linesPerSecond, () -> stopRequested, linesWritten);
        writers.add(writer);
        Thread thread = new Thread(writer, "bench-line-server-" + socket.getPort());
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** What the server wrote: the number of lines and how many times each word occurs in them. */
  public record Written(long lines, Map<String, Long> wordCounts) {
    public Written {
      wordCounts = Map.copyOf(wordCounts);
    }

    public long words() {
      return wordCounts.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
