package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.wal.WalDurability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wal-log benchmark on a small local run: every record read back, one JSON member per run. */
class WalLogBenchmarkTest {
  @TempDir Path dir;

  @Test
  void writesReadsBackAndReportsEveryRun() throws Exception {
    WalLogOptions options = WalLogOptions.parse(new String[] {"--dir", dir.resolve("wal").toUri().toString(),
        "--threads", "1,4", "--records", "400", "--record-bytes", "100"});
    WalLogResult result = WalLogBenchmark.run(options);

    assertTrue(result.exact());
    // Each durability (hflush, then hsync by default) with each thread count, batched and not.
    assertEquals(List.of("batched", "unbatched", "batched", "unbatched", "batched", "unbatched", "batched", "unbatched"),
        result.runs().stream().map(WalLogBenchmark.Run::log).toList());
    assertEquals(List.of(WalDurability.HFLUSH, WalDurability.HSYNC), result.runs().stream()
        .map(WalLogBenchmark.Run::durability).distinct().toList());
    assertEquals(400, result.runs().get(3).records());
    String json = result.toJson().toString();
    assertTrue(json.startsWith("{\"benchmark\":\"wal-log\""), json);
    assertTrue(json.contains("\"batched_hflush_4_threads\":{\"records\":400,")
        && json.contains("\"unbatched_hsync_1_threads\":{\"records\":400,") && json.contains("\"exact\":true"), json);
    // Every record is flushed on its own without batching.
    assertTrue(result.runs().get(1).flushes() >= 400, json);
    assertTrue(!Files.exists(dir.resolve("wal")), "the benchmark's log is removed");
  }

  @Test
  void badFlagsAreNamed() {
    assertEquals("--threads must be a positive integer, got '0'",
        assertThrows(IllegalArgumentException.class, () -> WalLogOptions.parse(new String[] {"--threads", "2,0"}))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> WalLogOptions.parse(new String[] {"--rate", "5"}))
        .getMessage().startsWith("unknown flag --rate"));
    assertEquals("--records needs a value",
        assertThrows(IllegalArgumentException.class, () -> WalLogOptions.parse(new String[] {"--records"})).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> WalLogOptions.parse(new String[] {"--durability",
        "fsync"})).getMessage().startsWith("--durability takes hflush, hsync or both"));
    assertEquals(List.of(WalDurability.HSYNC),
        WalLogOptions.parse(new String[] {"--durability", "hsync"}).durabilities());
    assertEquals(BenchMain.Benchmark.WAL_LOG, BenchMain.Benchmark.named("wal-log").orElseThrow());
  }
}
