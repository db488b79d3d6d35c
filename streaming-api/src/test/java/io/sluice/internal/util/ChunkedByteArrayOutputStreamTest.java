package io.sluice.internal.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedByteArrayOutputStreamTest {
  @Test
  void givesBackExactlyWhatWasWrittenAcrossManyChunks() {
    Random random = new Random(7);
    ChunkedByteArrayOutputStream chunked = new ChunkedByteArrayOutputStream(3);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 2000; i++) {
      if (random.nextBoolean()) {
        int b = random.nextInt(256);
        chunked.write(b);
        expected.write(b);
      } else {
        byte[] bytes = new byte[random.nextInt(3000)];
        random.nextBytes(bytes);
        int off = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        int len = bytes.length - off;
        chunked.write(bytes, off, len);
        expected.write(bytes, off, len);
      }
    }
    assertEquals(expected.size(), chunked.size());
    assertArrayEquals(expected.toByteArray(), chunked.toByteArray());
    chunked.write(42); // still usable
    assertEquals(expected.size() + 1, chunked.toByteArray().length);
  }

  @Test
  void emptyAndBadArguments() {
    assertEquals(0, new ChunkedByteArrayOutputStream().toByteArray().length);
    assertThrows(IllegalArgumentException.class, () -> new ChunkedByteArrayOutputStream(0));
    assertThrows(IndexOutOfBoundsException.class, () -> new ChunkedByteArrayOutputStream().write(new byte[2], 1, 2));
  }
}
