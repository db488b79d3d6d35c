package io.sluice.internal.storage;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * A received block of text lines kept as the UTF-8 bytes they arrived in: a list of Strings whose
 * elements are decoded only when read, in the task. A socket text receiver hands its read buffer
 * over as is (one bulk copy per read), so no String is made on the receiving side and none is
 * serialized: a block is written as its bytes, and read back by finding the line ends again.
 *
 * <p>Each line is followed by '\n' in the bytes; a trailing '\r' is dropped when the line is
 * decoded ("\r\n" endings). Bytes that are not UTF-8 become U+FFFD, as a text reader makes them.
 * Immutable once built; {@link #expand} turns blocks met among deserialized values back into lines.
 */
public final class LineBlock extends AbstractList<String> implements RandomAccess, Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte NEWLINE = '\n';

  /** Lines that do not straddle pages: bytes[0, length) holds them, ends[j] is line j's '\n'. */
  record Page(byte[] bytes, int length, int[] ends, int lines) implements Serializable {
    private static final long serialVersionUID = 1L;

    String line(int j) {
      int start = j == 0 ? 0 : ends[j - 1] + 1;
      int end = ends[j];
      if (end > start && bytes[end - 1] == '\r') {
        end--;
      }
      return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
  }

  private final Page[] pages;
  private final int size;

  private LineBlock(Page[] pages) {
    this.pages = pages;
    int lines = 0;
    for (Page page : pages) {
      lines += page.lines();
    }
    this.size = lines;
  }

  /** A block of the lines in the given pages, each page whole lines ending with '\n' (what a serializer wrote). */
  public static LineBlock fromPages(List<byte[]> pageBytes) {
    Page[] pages = new Page[pageBytes.size()];
    for (int p = 0; p < pages.length; p++) {
      byte[] bytes = pageBytes.get(p);
      int[] ends = new int[Math.max(16, bytes.length / 32)];
      int lines = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == NEWLINE) {
          if (lines == ends.length) {
            ends = Arrays.copyOf(ends, lines * 2);
          }
          ends[lines++] = i;
        }
      }
      if (bytes.length > 0 && bytes[bytes.length - 1] != NEWLINE) {
        throw new IllegalArgumentException("A line block's bytes must end with a newline (" + bytes.length
            + " bytes, " + lines + " complete lines): the block is corrupt");
      }
      pages[p] = new Page(bytes, bytes.length, ends, lines);
    }
    return new LineBlock(pages);
  }

  /** How many pages the bytes are kept in; with {@link #pageBytes}, what a serializer writes. */
  public int pageCount() {
    return pages.length;
  }

  /** Page {@code p}'s bytes: whole lines, each ending with '\n'; read only {@code [0, pageLength(p))}. */
  public byte[] pageBytes(int p) {
    return pages[p].bytes();
  }

  public int pageLength(int p) {
    return pages[p].length();
  }

  /** About what the block takes on the heap, for the memory store's accounting. */
  public long heapBytes() {
    long bytes = 16;
    for (Page page : pages) {
      bytes += 48 + page.bytes().length + 4L * page.ends().length;
    }
    return bytes;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("Line " + index + " of a block of " + size);
    }
    int j = index;
    for (Page page : pages) {
      if (j < page.lines()) {
        return page.line(j);
      }
      j -= page.lines();
    }
    throw new AssertionError("unreachable: index checked against size");
  }

  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      private int page;
      private int line;

      @Override
      public boolean hasNext() {
        while (page < pages.length && line >= pages[page].lines()) {
          page++;
          line = 0;
        }
        return page < pages.length;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pages[page].line(line++);
      }
    };
  }

  /**
   * The values with every line block among them replaced by its lines: what reading a stored block
   * gives, since a block of lines is stored as one {@code LineBlock} object.
   */
  public static <T> Iterator<T> expand(Iterator<?> values) {
    return new Iterator<>() {
      private Iterator<String> lines = List.<String>of().iterator();
      private Object other; // a value that is not a line block, read ahead by hasNext
      private boolean hasOther;

      @Override
      public boolean hasNext() {
        if (hasOther || lines.hasNext()) {
          return true;
        }
        while (values.hasNext()) {
          Object value = values.next();
          if (!(value instanceof LineBlock block)) {
            other = value;
            hasOther = true;
            return true;
          }
          lines = block.iterator();
          if (lines.hasNext()) {
            return true;
          }
        }
        return false;
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (lines.hasNext()) {
          return (T) lines.next();
        }
        hasOther = false;
        T value = (T) other;
        other = null;
        return value;
      }
    };
  }

  /**
   * Collects lines into pages of about {@link #PAGE_BYTES} (a longer line gets a page of its own),
   * so a block of tens of megabytes is never copied whole to grow it. Not thread-safe.
   */
  public static final class Builder {
    static final int PAGE_BYTES = 256 * 1024;
    private static final int PAGE_LINES = 1024; // a page's first line-end array; it doubles as needed

    private final List<Page> pages = new ArrayList<>();
    private byte[] bytes = new byte[0];
    private int used;
    private int[] ends = new int[0];
    private int lines;
    private int totalLines;

    /**
     * Appends the complete lines in {@code src[from, to)}: each ends with '\n', so the range ends
     * with one. Returns how many lines it held.
     */
    public int append(byte[] src, int from, int to) {
      if (to > from && src[to - 1] != NEWLINE) {
        throw new IllegalArgumentException("Only whole lines, each ending with '\\n', can be appended");
      }
      int runStart = from;   // src[runStart, lineStart) is recorded in this page but not yet copied
      int lineStart = from;
      int appended = 0;
      for (int i = from; i < to; i++) {
        if (src[i] != NEWLINE) {
          continue;
        }
        if (used + (i + 1 - runStart) > bytes.length) {
          copy(src, runStart, lineStart);
          newPage(i + 1 - lineStart);
          runStart = lineStart;
        }
        if (lines == ends.length) {
          ends = Arrays.copyOf(ends, lines * 2); // never empty here: newPage() ran before the first line
        }
        ends[lines++] = used + (i - runStart);
        appended++;
        lineStart = i + 1;
      }
      copy(src, runStart, to);
      totalLines += appended;
      return appended;
    }

    public boolean isEmpty() {
      return totalLines == 0;
    }

    /** The lines appended so far, as a block; the builder is empty afterwards. */
    public LineBlock build() {
      sealPage(true);
      LineBlock block = new LineBlock(pages.toArray(new Page[0]));
      pages.clear();
      bytes = new byte[0];
      totalLines = 0;
      return block;
    }

    private void copy(byte[] src, int from, int to) {
      System.arraycopy(src, from, bytes, used, to - from);
      used += to - from;
    }

    private void newPage(int atLeast) {
      sealPage(false);
      bytes = new byte[Math.max(PAGE_BYTES, atLeast)];
      ends = new int[PAGE_LINES];
    }

    /** Keeps the current page if it holds a line; the last page of a block is cut to its length. */
    private void sealPage(boolean trim) {
      if (lines > 0) {
        byte[] kept = trim && used < bytes.length ? Arrays.copyOf(bytes, used) : bytes;
        pages.add(new Page(kept, used, trim ? Arrays.copyOf(ends, lines) : ends, lines));
      }
      used = 0;
      lines = 0;
      ends = new int[0];
    }
  }
}
