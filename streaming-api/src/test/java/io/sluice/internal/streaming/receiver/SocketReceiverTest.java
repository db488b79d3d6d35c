package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.StorageLevel;
import io.sluice.internal.storage.LineBlock;
import io.sluice.internal.util.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketReceiverTest {
  private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

  @TempDir
  File localDir;
  private ReceiverTestEnv test;

  @AfterEach
  void tearDown() {
    if (test != null) {
      test.close();
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server.setSoTimeout(10_000);
    return server;
  }

  private static void send(Socket client, String text) throws IOException {
    OutputStream out = client.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Test
  void receivesLinesAndReconnectsWhenTheServerGoesAway() throws Exception {
    test = new ReceiverTestEnv(ReceiverTestEnv.fastConf(), localDir);
    int port;
    try (ServerSocket first = listen(0)) {
      port = first.getLocalPort();
      test.run(SocketReceiver.text(LOOPBACK, port, StorageLevel.MEMORY_AND_DISK_SER_2));
      try (Socket client = first.accept()) {
        send(client, "a\nb\r\nc\n");
        await("the first lines", () -> test.storedRecords().size() == 3);
      }
    }
    try (ServerSocket second = listen(port); Socket client = second.accept()) {
      send(client, "d\ne\n");
      await("the lines sent after reconnecting", () -> test.storedRecords().size() == 5);
      assertEquals(List.of("a", "b", "c", "d", "e"), test.storedRecords());
      assertTrue(test.tracker.errors.stream().anyMatch(e -> e.message().equals("Socket data stream had no more data")),
          test.tracker.errors.toString());

      test.tracker.control().stop("test over");
      test.awaitTaskEnd();
    }
    assertEquals(1, test.tracker.deregistrations.size());
    assertEquals("SocketReceiver", test.tracker.registrations.get(0).name());
  }

  @Test
  void anUnresolvableHostIsReportedAndRetried() throws Exception {
    ManualClock clock = new ManualClock();
    test = new ReceiverTestEnv(ReceiverTestEnv.fastConf()
        .set("sluice.streaming.blockInterval", "3600000")
        .set("sluice.streaming.receiverRestartDelay", "10")
        .set("sluice.streaming.receiverRestartDelay.max", "40"), localDir, clock);
    SocketReceiver<String> receiver = SocketReceiver.text("no-such-host.invalid", 9999, StorageLevel.MEMORY_ONLY);
    test.run(receiver);

    // Each failed attempt reports once, then the next waits out a doubled delay on the clock.
    long[] retryAt = {10, 30, 70};
    for (int attempt = 0; attempt < retryAt.length; attempt++) {
      clock.awaitWaiter(retryAt[attempt], 10_000);
      assertEquals(attempt + 1, test.tracker.errors.size(), "one error per failed attempt");
      clock.setTime(retryAt[attempt]);
    }
    clock.awaitWaiter(110, 10_000); // the delay stays at its maximum, 40 ms
    assertEquals(4, test.tracker.errors.size());
    RecordingTracker.Report error = test.tracker.errors.get(0);
    assertEquals("Error connecting to no-such-host.invalid:9999", error.message());
    assertTrue(error.error().contains("UnknownHostException"), error.error());
    assertTrue(test.tracker.deregistrations.isEmpty(), "the receiver keeps retrying");
    assertTrue(test.taskThread().isAlive());

    test.tracker.control().stop("giving up");
    test.awaitTaskEnd();
    assertEquals("Stopped by driver: giving up", test.tracker.deregistrations.get(0).message());
  }

  @Test
  void aRefusedConnectionIsRetriedUntilAServerListens() throws Exception {
    test = new ReceiverTestEnv(ReceiverTestEnv.fastConf(), localDir);
    int port;
    try (ServerSocket probe = listen(0)) {
      port = probe.getLocalPort();
    }
    test.run(SocketReceiver.text(LOOPBACK, port, StorageLevel.MEMORY_ONLY));
    await("a refused connection", () -> !test.tracker.errors.isEmpty());
    assertEquals("Error connecting to " + LOOPBACK + ":" + port, test.tracker.errors.get(0).message());

    try (ServerSocket server = listen(port); Socket client = server.accept()) {
      send(client, "late\n");
      await("the line", () -> test.storedRecords().equals(List.of("late")));
    }
  }

  @Test
  void linesSplitOnNewlinesAndDropCarriageReturns() throws IOException {
    assertEquals(List.of("a", "b", "c"), lines("a\r\nb\nc"));
    assertEquals(List.of("x"), lines("x\n"));
    assertEquals(List.of(), lines(""));
    assertEquals(List.of("", ""), lines("\n\n"));
    assertEquals(List.of("a\rb", "c"), lines("a\rb\nc\r"));
    assertEquals(List.of("héllo wörld ✓", "日本"), lines("héllo wörld ✓\r\n日本\n"));
  }

  /**
   * Malformed input (issue 15, item 7): bytes that are not UTF-8, a NUL and a stray high byte do not
   * stop the receiver or swallow their neighbours; each bad byte becomes U+FFFD, as the decoder of
   * any Java text reader would make it, and the line keeps its place.
   */
  @Test
  void malformedUtf8BecomesReplacementCharactersAndLosesNoLine() throws IOException {
    byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xC3, 'a', 'd', '\n', 0, '\n', (byte) 0xFF, (byte) 0xFE, '\n', 'e', 'n', 'd'};
    assertEquals(List.of("ok", "b\uFFFDad", "\u0000", "\uFFFD\uFFFD", "end"), lines(new ByteArrayInputStream(bytes)));
  }

  /** Reads trickle in (two bytes at a time): lines are handed on whole, however the reads split them. */
  @Test
  void linesSplitAcrossReadsAreHandedOnWhole() throws IOException {
    String text = "first line\r\nsecond ✓\n\nthird";
    List<String> handedOn = new ArrayList<>();
    LineChunks.pump(trickle(text), (bytes, from, to) -> {
      assertEquals('\n', bytes[to - 1], "a run of whole lines");
      handedOn.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }, () -> true);
    assertEquals("first line\r\nsecond ✓\n\nthird\n", String.join("", handedOn));
    assertTrue(handedOn.size() > 1, "handed on as the lines completed, not at the end");
    assertEquals(List.of("first line", "second ✓", "", "third"), lines(trickle(text)));
  }

  @Test
  void linesLongerThanTheBufferAndSplitCarriageReturnsSurvive() throws IOException {
    String longLine = "x".repeat(200_000);
    // The "\r" of a "\r\n" ending falls at the end of the 64K-char buffer.
    String atBoundary = "y".repeat(64 * 1024 - 1);
    String text = longLine + "\r\n" + "short\n" + atBoundary + "\r\nend";
    List<String> result = lines(text);
    assertEquals(List.of(longLine, "short", atBoundary, "end"), result);
    String exact = "z".repeat(64 * 1024 - 2);
    assertEquals(List.of(exact, "next"), lines(exact + "\r\nnext\n"));
  }

  @Test
  void theReceiverIsSerializable() throws Exception {
    SocketReceiver<String> receiver = SocketReceiver.text("example.com", 9999, StorageLevel.MEMORY_AND_DISK_SER_2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(receiver);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SocketReceiver<?> copy = (SocketReceiver<?>) in.readObject();
      assertEquals(StorageLevel.MEMORY_AND_DISK_SER_2, copy.storageLevel());
      assertEquals(receiver.toString(), copy.toString());
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream trickle(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 2));
      }
    };
  }

  /** The lines the text receiver stores for these bytes: handed on as runs of lines, kept as a line block. */
  private static List<String> lines(InputStream in) throws IOException {
    LineBlock.Builder block = new LineBlock.Builder();
    LineChunks.pump(in, block::append, () -> true);
    return new ArrayList<>(block.build());
  }

  private static List<String> lines(String text) throws IOException {
    return lines(stream(text));
  }
}
