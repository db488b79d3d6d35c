package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.sluice.internal.storage.LineBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a block of received lines as its UTF-8 bytes, page by page (no per-line header, no
 * String): the reader finds the line ends again by scanning for '\n'.
 */
final class LineBlockSerializer extends Serializer<LineBlock> {
  LineBlockSerializer() {
    super(false, true);
  }

  @Override
  public void write(Kryo kryo, Output output, LineBlock block) {
    output.writeVarInt(block.pageCount(), true);
    for (int p = 0; p < block.pageCount(); p++) {
      output.writeVarInt(block.pageLength(p), true);
      output.writeBytes(block.pageBytes(p), 0, block.pageLength(p));
    }
  }

  @Override
  public LineBlock read(Kryo kryo, Input input, Class<? extends LineBlock> type) {
    int pageCount = input.readVarInt(true);
    List<byte[]> pages = new ArrayList<>(pageCount);
    for (int p = 0; p < pageCount; p++) {
      pages.add(input.readBytes(input.readVarInt(true)));
    }
    return LineBlock.fromPages(pages);
  }
}
