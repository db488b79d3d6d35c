package io.sluice.internal.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Syncable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice.streaming.receiver.writeAheadLog.durability}: which call makes a write durable. */
class WalDurabilityTest {
  @TempDir
  Path dir;

  /** A stream that records which of Hadoop's durability calls it received. */
  private static final class RecordingStream extends ByteArrayOutputStream implements Syncable {
    final List<String> calls = new ArrayList<>();

    @Override
    public void hflush() {
      calls.add("hflush");
    }

    @Override
    public void hsync() {
      calls.add("hsync");
    }
  }

  @Test
  void hflushAndHsyncCallTheirNamesakes() throws Exception {
    RecordingStream recorded = new RecordingStream();
    try (FSDataOutputStream out = new FSDataOutputStream(recorded, null)) {
      WalDurability.HFLUSH.flush(out);
      WalDurability.HSYNC.flush(out);
    }
    assertEquals(List.of("hflush", "hsync"), recorded.calls);
  }

  @Test
  void theOptionDefaultsToHflushAndRefusesOtherValuesNamingTheKey() {
    assertEquals(WalDurability.HFLUSH, SluiceOptions.WAL_DURABILITY.get(new SluiceConf(false)));
    assertEquals(WalDurability.HSYNC, SluiceOptions.WAL_DURABILITY.get(
        new SluiceConf(false).set("sluice.streaming.receiver.writeAheadLog.durability", "HSync")));
    SluiceException e = assertThrows(SluiceException.class, () -> SluiceOptions.WAL_DURABILITY.get(
        new SluiceConf(false).set("sluice.streaming.receiver.writeAheadLog.durability", "fsync")));
    assertTrue(e.getMessage().contains("sluice.streaming.receiver.writeAheadLog.durability")
        && e.getMessage().contains("hflush or hsync"), e.getMessage());
  }

  @Test
  void anHsyncLogReadsBackWhatItWrote() {
    String logDir = dir.toUri().toString();
    try (FileBasedWriteAheadLog log = new FileBasedWriteAheadLog(logDir, new Configuration(), 60_000,
        WalDurability.HSYNC)) {
      log.write("first".getBytes(StandardCharsets.UTF_8), 1);
      log.write("second".getBytes(StandardCharsets.UTF_8), 2);
    }
    try (FileBasedWriteAheadLog reader = new FileBasedWriteAheadLog(logDir, new Configuration(), 60_000)) {
      List<String> records = new ArrayList<>();
      for (Iterator<byte[]> all = reader.readAll(); all.hasNext(); ) {
        records.add(new String(all.next(), StandardCharsets.UTF_8));
      }
      assertEquals(List.of("first", "second"), records);
    }
  }
}
