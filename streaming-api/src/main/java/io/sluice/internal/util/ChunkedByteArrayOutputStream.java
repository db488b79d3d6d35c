package io.sluice.internal.util;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An output stream that collects what is written in a list of small chunks and hands it back as
 * one array of exactly the written size. Unlike {@link java.io.ByteArrayOutputStream} it never
 * copies what it holds while growing, so producing N bytes needs at most about 2N bytes of heap
 * (the chunks, then the result), where a {@code ByteArrayOutputStream} needs up to 3N (an array
 * grown by doubling, the array it is copied from while growing, then the exact-size copy).
 *
 * <p>Why it exists: a receiver serializes each block of a stream into one array (see
 * {@code BlockManager.serializeValues}). At a million lines per second a 200 ms block is 20-40 MB
 * of bytes, and a receiver executor of {@code local-cluster[2,1,1024]} overloaded at 1.4 million
 * lines/s ran out of heap in exactly those doubling copies (each a large contiguous "humongous"
 * allocation under G1), losing the block. What filled the heap was oversized blocks (fixed in
 * {@code SteadyRateLimiter}); this only lowers the peak a block's serialization adds on top. The
 * chunks here stay far below G1's humongous size; only the result is one large array.
 *
 * <p>Not thread-safe. Writing after {@link #toByteArray} is allowed.
 */
public final class ChunkedByteArrayOutputStream extends OutputStream {
  private static final int FIRST_CHUNK = 256;
  /** Well below G1's humongous threshold (half a region, regions being at least 1 MB). */
  private static final int MAX_CHUNK = 64 * 1024;
  /** The largest array the JVM reliably allocates. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final List<byte[]> full = new ArrayList<>();
  private byte[] current;
  private int position;
  private long size;

  public ChunkedByteArrayOutputStream() {
    this(FIRST_CHUNK);
  }

  /** @param firstChunk the size of the first chunk; later ones double up to 64 KB */
  public ChunkedByteArrayOutputStream(int firstChunk) {
    if (firstChunk <= 0) {
      throw new IllegalArgumentException("firstChunk must be positive, got " + firstChunk);
    }
    this.current = new byte[Math.min(firstChunk, MAX_CHUNK)];
  }

  @Override
  public void write(int b) {
    if (position == current.length) {
      nextChunk();
    }
    current[position++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      if (position == current.length) {
        nextChunk();
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(b, off, current, position, n);
      position += n;
      off += n;
      len -= n;
      size += n;
    }
  }

  /** Bytes written so far. */
  public long size() {
    return size;
  }

  /**
   * Everything written, in one new array of exactly {@link #size} bytes.
   *
   * @throws IllegalStateException if more was written than one array can hold
   */
  public byte[] toByteArray() {
    if (size > MAX_ARRAY) {
      throw new IllegalStateException(size + " bytes do not fit in one array");
    }
    byte[] result = new byte[(int) size];
    int at = 0;
    for (byte[] chunk : full) {
      System.arraycopy(chunk, 0, result, at, chunk.length);
      at += chunk.length;
    }
    System.arraycopy(current, 0, result, at, position);
    return result;
  }

  private void nextChunk() {
    full.add(current);
    current = new byte[Math.min(MAX_CHUNK, current.length * 2)];
    position = 0;
  }
}
