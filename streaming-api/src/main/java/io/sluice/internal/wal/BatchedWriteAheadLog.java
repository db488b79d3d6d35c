package io.sluice.internal.wal;

import io.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit over another log: concurrent {@link #write}s are queued, and one writer thread appends
 * everything queued as individually framed records with a single flush, so many writers pay for one
 * {@code hflush()} between them. Each caller gets the exact segment of its own record, so
 * {@link #read}, {@link #readAll} (records in write order) and {@link #clean} are the wrapped log's.
 *
 * <p>Thread-safe. A write blocks until its batch is durable. {@link #close} writes what is already
 * queued, then closes the wrapped log, which this log owns.
 */
public final class BatchedWriteAheadLog implements WriteAheadLog {
  private static final Logger log = LoggerFactory.getLogger(BatchedWriteAheadLog.class);

  private record Pending(byte[] record, long timeMs, CompletableFuture<WalSegment> done) {}

  // Queued last by close(): the writer thread ends after writing what came before it.
  private static final Pending STOP = new Pending(new byte[0], Long.MIN_VALUE, new CompletableFuture<>());

  private final BatchAppendableLog wrapped;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;

  // Guarded by queue: no write may be queued after STOP.
  private boolean closed;

  public BatchedWriteAheadLog(BatchAppendableLog wrapped) {
    this.wrapped = wrapped;
    this.writer = new Thread(this::writeLoop, "wal-batch-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public WalSegment write(byte[] record, long timeMs) {
    Pending pending = new Pending(record, timeMs, new CompletableFuture<>());
    synchronized (queue) {
      if (closed) {
        throw new SluiceException("Batched write-ahead log is closed");
      }
      queue.add(pending);
    }
    try {
      return pending.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted waiting for a write-ahead log write (the record may still be written)", e);
    } catch (ExecutionException e) {
      // A new exception, so the caller's stack shows up too; the writer thread's is its cause.
      throw new SluiceException(e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public byte[] read(WalSegment segment) {
    return wrapped.read(segment);
  }

  @Override
  public Iterator<byte[]> readAll() {
    return wrapped.readAll();
  }

  @Override
  public void clean(long thresholdMs, boolean waitForCompletion) {
    wrapped.clean(thresholdMs, waitForCompletion);
  }

  @Override
  public void close() {
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      // Closing the wrapped log now fails the writes still queued rather than losing them silently.
      Thread.currentThread().interrupt();
      log.warn("Interrupted while the write-ahead log writer drained its queue; closing anyway");
    }
    wrapped.close();
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        log.warn("Write-ahead log writer interrupted; it stops only when the log is closed");
        continue;
      }
      queue.drainTo(batch);
      if (batch.get(batch.size() - 1) == STOP) {
        batch.remove(batch.size() - 1);
        stopping = true;
      }
      if (!batch.isEmpty()) {
        writeBatch(batch);
      }
      batch.clear();
    }
  }

  private void writeBatch(List<Pending> batch) {
    List<byte[]> records = new ArrayList<>(batch.size());
    long latest = Long.MIN_VALUE;
    for (Pending pending : batch) {
      records.add(pending.record());
      latest = Math.max(latest, pending.timeMs());
    }
    try {
      // The latest time picks the file, so every record ends up in a file ending after its own time.
      List<WalSegment> segments = wrapped.writeBatch(records, latest);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(segments.get(i));
      }
    } catch (RuntimeException e) {
      log.warn("Write-ahead log batch of {} records failed", batch.size(), e);
      for (Pending pending : batch) {
        pending.done().completeExceptionally(e);
      }
    }
  }
}
