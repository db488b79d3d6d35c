package io.sluice.internal.streaming.receiver;

import static io.sluice.internal.streaming.receiver.ReceiverTestEnv.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.function.Function;
import io.sluice.core.StorageLevel;
import io.sluice.internal.util.Iterators;
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
import java.util.Iterator;
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
  void linesSplitOnNewlinesAndDropCarriageReturns() {
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
  void malformedUtf8BecomesReplacementCharactersAndLosesNoLine() {
    byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xC3, 'a', 'd', '\n', 0, '\n', (byte) 0xFF, (byte) 0xFE, '\n', 'e', 'n', 'd'};
    List<String> result = Iterators.toList(SocketReceiver.lines(new java.io.ByteArrayInputStream(bytes)));
    assertEquals(List.of("ok", "b\uFFFDad", "\u0000", "\uFFFD\uFFFD", "end"), result);
  }

  @Test
  void linesLongerThanTheBufferAndSplitCarriageReturnsSurvive() {
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
  void theReceiverAndItsConverterAreSerializable() throws Exception {
    SocketReceiver<String> receiver = SocketReceiver.text("example.com", 9999, StorageLevel.MEMORY_AND_DISK_SER_2);
    Function<InputStream, Iterator<String>> converter = SocketReceiver::lines;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(receiver);
      out.writeObject(converter);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SocketReceiver<?> copy = (SocketReceiver<?>) in.readObject();
      assertEquals(StorageLevel.MEMORY_AND_DISK_SER_2, copy.storageLevel());
      assertEquals(receiver.toString(), copy.toString());
      @SuppressWarnings("unchecked")
      Function<InputStream, Iterator<String>> f = (Function<InputStream, Iterator<String>>) in.readObject();
      assertEquals(List.of("1", "2"), Iterators.toList(f.call(stream("1\n2\n"))));
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> lines(String text) {
    return Iterators.toList(SocketReceiver.lines(stream(text)));
  }
}
