package io.sluice.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Writes random {@link WordLines} to one client of a {@link FullSpeedLineServer} until told to
 * stop, counting every word it writes. Runs on its own thread; the counts are read only after
 * {@link #awaitTotals} sees the thread finish. Lines are made straight into a buffer of its own
 * that goes to the socket whole, so no lock or call per word stands between the generator and
 * the socket.
 */
final class WordLineWriter implements Runnable {
  private static final int CHUNK_LINES = 256;
  private static final int BUFFER_BYTES = 1 << 16;

  private final Socket socket;
  private final WordLines wordLines;
  private final byte[] buffer;
  private int buffered;
  private final SplittableRandom random;
  private final int linesPerSecond;
  private final BooleanSupplier stopRequested;
  private final AtomicLong linesWrittenOverall;
  private final long[] perWord;
  private final CountDownLatch done = new CountDownLatch(1);
  private long lines;
  private volatile IOException failure;

  /**
   * @param linesPerSecond the pace, or 0 for as fast as the socket takes the lines
   * @param linesWrittenOverall a live counter shared by all writers, added to per chunk
   */
  WordLineWriter(Socket socket, WordLines wordLines, long seed, int linesPerSecond,
      BooleanSupplier stopRequested, AtomicLong linesWrittenOverall) {
    this.socket = socket;
    this.wordLines = wordLines;
    this.buffer = new byte[Math.max(BUFFER_BYTES, 2 * wordLines.maxLineBytes())];
    this.perWord = new long[wordLines.vocabulary().size()];
    this.random = new SplittableRandom(seed);
    this.linesPerSecond = linesPerSecond;
    this.stopRequested = stopRequested;
    this.linesWrittenOverall = linesWrittenOverall;
  }

  @Override
  public void run() {
    long startNanos = System.nanoTime();
    try {
      OutputStream out = socket.getOutputStream();
      while (!stopRequested.getAsBoolean()) {
        int chunk = CHUNK_LINES;
        if (linesPerSecond > 0) {
          long due = (System.nanoTime() - startNanos) * linesPerSecond / TimeUnit.SECONDS.toNanos(1);
          chunk = (int) Math.min(CHUNK_LINES, due - lines);
          if (chunk <= 0) {
            flush(out); // paced lines go out now, not when the buffer happens to fill
            TimeUnit.MILLISECONDS.sleep(1);
            continue;
          }
        }
        writeLines(out, chunk);
        lines += chunk;
        linesWrittenOverall.addAndGet(chunk);
      }
      // Every counted word is now in the socket; the socket itself stays open (see the server).
      flush(out);
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = new IOException("interrupted while writing", e);
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  private void writeLines(OutputStream out, int count) throws IOException {
    int roomNeeded = wordLines.maxLineBytes();
    for (int l = 0; l < count; l++) {
      if (buffer.length - buffered < roomNeeded) {
        flush(out);
      }
      buffered = wordLines.writeLine(random, buffer, buffered, perWord);
    }
  }

  private void flush(OutputStream out) throws IOException {
    if (buffered > 0) {
      out.write(buffer, 0, buffered);
      buffered = 0;
    }
  }

  /** Lines written; valid once {@link #awaitTotals} returned. */
  long lines() {
    return lines;
  }

  /**
   * Waits for the writer to finish and returns how often it wrote each word, by vocabulary index.
   *
   * @throws IOException if writing failed or did not finish in time
   */
  long[] awaitTotals(long timeoutNanos) throws IOException, InterruptedException {
    if (!done.await(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS)) {
      throw new IOException("writer for " + socket.getRemoteSocketAddress() + " did not finish");
    }
    if (failure != null) {
      throw new IOException("writing to " + socket.getRemoteSocketAddress() + " failed", failure);
    }
    return perWord.clone();
  }

  void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // best effort
    }
  }
}
