package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FullSpeedLineServerTest {
  @Test
  void countsExactlyWhatAClientReadsAtFullSpeed() throws Exception {
    assertExactAccounting(0, 300);
  }

  @Test
  void countsExactlyWhatAClientReadsAtAFixedRate() throws Exception {
    FullSpeedLineServer.Written written = assertExactAccounting(2000, 500);
    // 2000 lines/s for about half a second, give or take one chunk and scheduling.
    assertTrue(written.lines() > 200 && written.lines() < 2000, "lines: " + written.lines());
  }

  @Test
  void theSameSeedWritesTheSameLines() throws Exception {
    assertEquals(firstLine(7), firstLine(7));
    assertTrue(!firstLine(7).equals(firstLine(8)));
  }

  private static FullSpeedLineServer.Written assertExactAccounting(int rate, long writeMillis)
      throws Exception {
    FullSpeedLineServer server = new FullSpeedLineServer(42, rate);
    try {
      Socket socket = new Socket(server.host(), server.port());
      Map<String, Long> read = new HashMap<>();
      AtomicLong linesRead = new AtomicLong();
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readLines(socket, read, linesRead));

      TimeUnit.MILLISECONDS.sleep(writeMillis);
      FullSpeedLineServer.Written written = server.stopWriting(Duration.ofSeconds(5));
      server.close(); // after the flush in stopWriting: the client reads everything, then the end
      reader.get(5, TimeUnit.SECONDS);

      assertTrue(written.lines() > 0);
      assertEquals(1, server.connections());
      assertEquals(written.lines(), linesRead.get());
      synchronized (read) {
        assertEquals(written.wordCounts(), read);
      }
      assertEquals(written.words(), written.wordCounts().values().stream().mapToLong(Long::longValue).sum());
      return written;
    } finally {
      server.close();
    }
  }

  private static void readLines(Socket socket, Map<String, Long> read, AtomicLong linesRead) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (read) {
          for (String word : line.split(" ")) {
            read.merge(word, 1L, Long::sum);
          }
        }
        linesRead.incrementAndGet();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(long seed) throws Exception {
    try (FullSpeedLineServer server = new FullSpeedLineServer(seed, 100);
         Socket socket = new Socket(server.host(), server.port());
         BufferedReader in = new BufferedReader(
             new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      return in.readLine();
    }
  }
}
