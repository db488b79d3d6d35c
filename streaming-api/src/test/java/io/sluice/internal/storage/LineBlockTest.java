package io.sluice.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.internal.serializer.Serializers;
import io.sluice.internal.util.Iterators;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineBlockTest {
  @TempDir
  File localDir;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static LineBlock block(String... runs) {
    LineBlock.Builder builder = new LineBlock.Builder();
    for (String run : runs) {
      byte[] bytes = utf8("<>" + run + "<>");
      builder.append(bytes, 2, bytes.length - 2); // an offset range, as a receiver's buffer gives
    }
    return builder.build();
  }

  @Test
  void linesAreDecodedWithCarriageReturnsDroppedAndEmptyLinesKept() {
    LineBlock lines = block("a\r\nb\n", "\n", "héllo ✓\r\n", "x\ry\n");
    assertEquals(List.of("a", "b", "", "héllo ✓", "x\ry"), new ArrayList<>(lines));
    assertEquals(5, lines.size());
    assertEquals("héllo ✓", lines.get(3));
    assertThrows(IndexOutOfBoundsException.class, () -> lines.get(5));
  }

  @Test
  void onlyWholeLinesCanBeAppended() {
    LineBlock.Builder builder = new LineBlock.Builder();
    assertThrows(IllegalArgumentException.class, () -> builder.append(utf8("a\nb"), 0, 3));
    assertTrue(builder.isEmpty());
  }

  /** Lines fill pages of PAGE_BYTES without straddling them; a line longer than a page gets its own. */
  @Test
  void manyAndLongLinesSpreadOverPagesKeepTheirOrder() {
    List<String> expected = new ArrayList<>();
    LineBlock.Builder builder = new LineBlock.Builder();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      String line = i == 30_000 ? "L".repeat(LineBlock.Builder.PAGE_BYTES + 10) : "line " + i + " " + "w".repeat(i % 17);
      expected.add(line);
      run.append(line).append('\n');
      if (i % 1000 == 999) {
        byte[] bytes = utf8(run.toString());
        assertEquals(1000, builder.append(bytes, 0, bytes.length));
        run.setLength(0);
      }
    }
    LineBlock block = builder.build();
    assertTrue(block.pageCount() > 4, "pages: " + block.pageCount());
    assertEquals(expected, new ArrayList<>(block));
    assertEquals(expected.get(45_678), block.get(45_678));
    assertTrue(builder.isEmpty(), "build() empties the builder");
    assertEquals(0, builder.build().size());
  }

  /** Stored serialized, a block is its bytes; read back, it is its lines again, with either serializer. */
  @ParameterizedTest
  @ValueSource(strings = {"kryo", "java"})
  void aStoredBlockReadsBackAsItsLines(String serializer) {
    SluiceConf conf = new SluiceConf().set("sluice.serializer", serializer);
    BlockManager blocks = new BlockManager("exec-1", Serializers.forData(conf), 64 << 20, localDir);
    LineBlock lines = block("one\ntwo\r\n", "three ✓\n");
    BlockId.StreamBlock id = new BlockId.StreamBlock(0, 1);
    blocks.putValues(id, lines, StorageLevel.MEMORY_AND_DISK_SER);
    assertEquals(List.of("one", "two", "three ✓"), Iterators.toList(blocks.getValues(id).orElseThrow()));

    byte[] bytes = blocks.serializeValues(lines);
    if (serializer.equals("kryo")) {
      assertTrue(bytes.length < 25, "the lines' bytes and a few of framing, not one String each: " + bytes.length);
    }
    assertEquals(List.of("one", "two", "three ✓"), Iterators.toList(blocks.deserializeValues(bytes)));
    blocks.putValues(id, lines, StorageLevel.MEMORY_ONLY);
    assertEquals(List.of("one", "two", "three ✓"), Iterators.toList(blocks.getValues(id).orElseThrow()));
    blocks.close();
  }

  @Test
  void expandReplacesBlocksByTheirLinesAmongOtherValues() {
    List<Object> values = new ArrayList<>();
    values.add("before");
    values.add(block("a\nb\n"));
    values.add(new LineBlock.Builder().build());
    values.add(null);
    values.add(block("c\n"));
    assertEquals(java.util.Arrays.asList("before", "a", "b", null, "c"),
        Iterators.toList(LineBlock.expand(values.iterator())));
    assertEquals(List.of(), Iterators.toList(LineBlock.expand(List.of(block()).iterator())));
  }

  @Test
  void aBlockWhoseBytesDoNotEndALineIsReportedCorrupt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LineBlock.fromPages(List.of(utf8("a\nb"))));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }
}
