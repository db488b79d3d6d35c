package io.sluice.internal.io;

import com.google.common.io.ByteStreams;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.DeserializationStream;
import io.sluice.internal.serializer.SerializationStream;
import io.sluice.internal.serializer.Serializer;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The layout of one checkpointed partition: a header ({@code SLCK} and a format version), the
 * records as one serialization stream, and a footer (the record count as a long, then
 * {@code SLCK}). The header tells a checkpoint file from a foreign one; the footer catches a file
 * cut short, which the serializer alone could take for a complete one with fewer records.
 */
final class CheckpointFileFormat {
  private static final byte[] HEADER = {'S', 'L', 'C', 'K', 1};
  private static final byte[] END = {'S', 'L', 'C', 'K'};
  private static final int FOOTER_LENGTH = Long.BYTES + END.length;

  private CheckpointFileFormat() {}

  /** Writes every record, then closes {@code out}; returns the number of records. */
  static long write(FSDataOutputStream out, Iterator<?> records, Serializer serializer) throws IOException {
    out.write(HEADER);
    long n = 0;
    // Closing the serialization stream flushes it; the file stays open for the footer.
    try (SerializationStream stream = serializer.serializeStream(new KeepOpen(out))) {
      while (records.hasNext()) {
        stream.writeObject(records.next());
        n++;
      }
    }
    out.writeLong(n);
    out.write(END);
    out.close();
    return n;
  }

  /**
   * The records of a checkpoint file, read lazily; the file is closed after the last record or the
   * first error. Errors name the file.
   */
  static <T> Iterator<T> read(FileSystem fs, Path file, Serializer serializer) {
    FSDataInputStream in;
    long length;
    try {
      length = fs.getFileStatus(file).getLen();
      in = fs.open(file);
    } catch (FileNotFoundException e) {
      throw new SluiceException("Checkpoint file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new SluiceException("Cannot open checkpoint file " + file + ": " + e.getMessage(), e);
    }
    long expected;
    try {
      if (length < HEADER.length + FOOTER_LENGTH) {
        throw corrupt(file, "it is truncated (" + length + " bytes)", null);
      }
      byte[] header = new byte[HEADER.length];
      in.readFully(header);
      in.seek(length - FOOTER_LENGTH);
      expected = in.readLong();
      byte[] end = new byte[END.length];
      in.readFully(end);
      if (!Arrays.equals(header, HEADER) || !Arrays.equals(end, END) || expected < 0) {
        throw corrupt(file, "it is not a complete checkpoint file", null);
      }
      in.seek(HEADER.length);
    } catch (IOException | RuntimeException e) {
      closeQuietly(in);
      throw e instanceof SluiceException se ? se : corrupt(file, e.getMessage(), e);
    }
    DeserializationStream stream = serializer.deserializeStream(
        ByteStreams.limit(in, length - HEADER.length - FOOTER_LENGTH));
    return new Records<>(stream, file, expected);
  }

  private static SluiceException corrupt(Path file, String why, Throwable cause) {
    return new SluiceException("Checkpoint file " + file + " is corrupt: " + why, cause);
  }

  private static void closeQuietly(FSDataInputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Already failing with a more useful error.
    }
  }

  /** Checks the record count at the end and turns any read failure into an error naming the file. */
  private static final class Records<T> implements Iterator<T> {
    private final DeserializationStream stream;
    private final Iterator<T> records;
    private final Path file;
    private final long expected;
    private long read;

    Records(DeserializationStream stream, Path file, long expected) {
      this.stream = stream;
      this.records = stream.asIterator();
      this.file = file;
      this.expected = expected;
    }

    @Override
    public boolean hasNext() {
      boolean more;
      try {
        more = records.hasNext();
      } catch (RuntimeException e) {
        throw fail("unreadable after " + read + " records: " + e.getMessage(), e);
      }
      if (!more && read != expected) {
        throw fail("it holds " + read + " records, its footer says " + expected, null);
      }
      return more;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more records in checkpoint file " + file);
      }
      try {
        T value = records.next();
        read++;
        return value;
      } catch (RuntimeException e) {
        throw fail("unreadable after " + read + " records: " + e.getMessage(), e);
      }
    }

    private SluiceException fail(String why, RuntimeException cause) {
      try {
        stream.close();
      } catch (RuntimeException closing) {
        if (cause != null) {
          cause.addSuppressed(closing);
        }
      }
      return corrupt(file, why, cause);
    }
  }

  /** Passes writes through but not close, so the footer can follow the serialization stream. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
