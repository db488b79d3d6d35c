package io.sluice.internal.rpc;

import static io.sluice.internal.rpc.TestEndpoints.ASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.internal.rpc.TestEndpoints.Recorder;
import io.sluice.internal.rpc.TestMessages.Boom;
import io.sluice.internal.rpc.TestMessages.Note;
import io.sluice.internal.rpc.TestMessages.Ping;
import io.sluice.internal.rpc.TestMessages.Pong;
import io.sluice.internal.rpc.TestMessages.Sleep;
import io.sluice.internal.rpc.TestMessages.Slow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RpcRoundTripTest {
  private final byte[] secret = Secrets.generate();
  private final Recorder handler = new Recorder();
  private RpcServer server;
  private RpcClient client;

  @BeforeEach
  void start() {
    server = TestEndpoints.server(secret, handler, StreamSource.none());
    client = TestEndpoints.client(server, secret);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void recordRequestGetsRecordReply() throws Exception {
    Pong pong = client.<Pong>ask(new Ping("hello", 41), ASK).get(10, TimeUnit.SECONDS);
    assertEquals(new Pong("HELLO", 42, List.of(1, 4)), pong);
    assertTrue(server.authenticates());
    assertNotEquals(0, server.port());
  }

  @Test
  void handlerMayAnswerAsynchronously() throws Exception {
    assertEquals(42, client.<Integer>ask(new Slow(21), ASK).get(10, TimeUnit.SECONDS));
  }

  @Test
  void nullRepliesAndRepliesOnAnyThread() throws Exception {
    try (RpcServer nulls = TestEndpoints.server(secret, call -> null, StreamSource.none());
        RpcClient c = TestEndpoints.client(nulls, secret)) {
      assertNull(c.ask("anything", ASK).get(10, TimeUnit.SECONDS));
      // Futures complete off the I/O thread, so a dependent stage may block on another ask.
      Object nested = c.ask("first", ASK).thenApply(ignored -> c.ask("second", ASK).join()).get(10, TimeUnit.SECONDS);
      assertNull(nested);
    }
  }

  @Test
  void oneWayMessagesArriveInOrder() throws Exception {
    for (int i = 0; i < 100; i++) {
      client.send(new Note("n" + i));
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(new Note("n" + i), handler.oneWays.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void serverCanPushToItsClientOverTheSameConnection() throws Exception {
    Recorder clientSide = new Recorder();
    try (RpcClient twoWay = TestEndpoints.client(server, secret, clientSide)) {
      twoWay.send(new Note("echo"));
      assertEquals(new Note("echoed"), clientSide.oneWays.poll(10, TimeUnit.SECONDS));
      // Find the server's view of this client and ask the client through it.
      RpcPeer back = server.peers().stream()
          .filter(peer -> peer.address().getPort() == localPortOf(twoWay))
          .findFirst().orElseThrow();
      assertEquals(new Pong("X", 2, List.of(1, 0)), back.<Pong>ask(new Ping("x", 1), ASK).get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void manyConcurrentAsksFromEightThreadsAllGetTheirOwnReply() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(callers.submit(() -> {
          List<CompletableFuture<Pong>> replies = new ArrayList<>();
          for (int i = 0; i < 250; i++) {
            replies.add(client.ask(new Ping("t" + thread, thread * 1000 + i), ASK));
          }
          for (int i = 0; i < 250; i++) {
            assertEquals(TestEndpoints.pong(new Ping("t" + thread, thread * 1000 + i)), replies.get(i).join());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void askTimesOutNamingTheRequestAndTheAddress() {
    CompletableFuture<Object> reply = client.ask(new Sleep(2000), Duration.ofMillis(100));
    ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
    RpcTimeoutException timeout = assertInstanceOf(RpcTimeoutException.class, e.getCause());
    assertTrue(timeout.getMessage().contains("Sleep"), timeout.getMessage());
    assertTrue(timeout.getMessage().contains(String.valueOf(server.port())), timeout.getMessage());
    assertTrue(timeout.getMessage().contains("100 ms"), timeout.getMessage());
    assertTrue(client.isOpen(), "a timeout does not close the connection");
  }

  @Test
  void handlerExceptionBecomesAFailureWithItsMessage() throws Exception {
    CompletableFuture<Object> reply = client.ask(new Boom("disk on fire"), ASK);
    ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
    RemoteFailureException failure = assertInstanceOf(RemoteFailureException.class, e.getCause());
    assertTrue(failure.getMessage().contains("disk on fire"), failure.getMessage());
    assertTrue(failure.getMessage().contains("Boom"), failure.getMessage());
    assertTrue(failure.remoteError().contains("IllegalStateException"), failure.remoteError());
    // The connection survives a failed request.
    assertEquals(2, client.<Pong>ask(new Ping("a", 1), ASK).get(10, TimeUnit.SECONDS).n());
  }

  @Test
  void serverClosingFailsOutstandingAsksAtOnce() throws Exception {
    List<CompletableFuture<Object>> outstanding = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      outstanding.add(client.ask(new Sleep(30_000), Duration.ofSeconds(60)));
    }
    Thread.sleep(100); // let the requests reach the handler
    long start = System.nanoTime();
    server.close();
    for (CompletableFuture<Object> reply : outstanding) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
      assertInstanceOf(SluiceException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains(String.valueOf(server.port())), e.getCause().getMessage());
      assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
    }
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "failed at once, not at the ask timeout");
    assertFalse(client.isOpen());
    assertThrows(SluiceException.class, () -> client.send(new Note("late")));
    ExecutionException late = assertThrows(ExecutionException.class,
        () -> client.ask(new Ping("late", 1), ASK).get(10, TimeUnit.SECONDS));
    assertInstanceOf(SluiceException.class, late.getCause());
  }

  @Test
  void clientCloseFailsItsOwnOutstandingAsks() {
    CompletableFuture<Object> reply = client.ask(new Sleep(30_000), Duration.ofSeconds(60));
    client.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
  }

  @Test
  void lifecycleCallbacksNameThePeer() throws Exception {
    String connected = handler.lifecycle.poll(10, TimeUnit.SECONDS);
    assertTrue(connected.startsWith("connected /127.0.0.1:"), connected);
    String port = connected.substring(connected.lastIndexOf(':') + 1);
    assertEquals(String.valueOf(localPortOf(client)), port);
    client.close();
    assertEquals("disconnected /127.0.0.1:" + port, handler.lifecycle.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void withoutAuthenticationTooPeersAreAnnouncedAndListed() throws Exception {
    Recorder open = new Recorder();
    try (RpcServer server = TestEndpoints.server(null, open, StreamSource.none())) {
      RpcClient c = TestEndpoints.client(server, null);
      String connected = open.lifecycle.poll(10, TimeUnit.SECONDS);
      assertEquals("connected /127.0.0.1:" + localPortOf(c), connected);
      assertEquals(1, server.peers().size());
      assertFalse(server.authenticates());
      c.close();
      assertEquals("disconnected /127.0.0.1:" + localPortOf(c), open.lifecycle.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void abruptDisconnectIsReportedToTheHandler() throws Exception {
    handler.lifecycle.poll(10, TimeUnit.SECONDS); // the client from start()
    RawPeer dying = new RawPeer(server.port()).authenticate(secret);
    String connected = handler.lifecycle.poll(10, TimeUnit.SECONDS);
    assertTrue(connected.startsWith("connected "), connected);
    dying.close(); // as if the executor process was killed
    assertEquals(connected.replace("connected", "disconnected"), handler.lifecycle.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void messagesLargerThanAFrameFailOnTheSenderWithAHint() {
    byte[] tooBig = new byte[RpcSettings.DEFAULT_MAX_FRAME_BYTES + 1];
    SluiceException sent = assertThrows(SluiceException.class, () -> client.send(tooBig));
    assertTrue(sent.getMessage().contains("stream"), sent.getMessage());
    CompletableFuture<Object> asked = client.ask(tooBig, ASK);
    ExecutionException e = assertThrows(ExecutionException.class, () -> asked.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("frame limit"), e.getCause().getMessage());
    assertTrue(client.isOpen());
  }

  /** Kryo calls record accessors, so this record cannot be written. */
  record Unwritable(String value) {
    @Override
    public String value() {
      throw new IllegalStateException("cannot read me");
    }
  }

  @Test
  void unsendableRepliesBecomeFailuresAndTheConnectionStays() throws Exception {
    RpcHandler odd = call -> "big".equals(call.message())
        ? new byte[RpcSettings.DEFAULT_MAX_FRAME_BYTES]
        : new Unwritable("x");
    try (RpcServer oddServer = TestEndpoints.server(secret, odd, StreamSource.none());
        RpcClient c = TestEndpoints.client(oddServer, secret)) {
      ExecutionException big = assertThrows(ExecutionException.class, () -> c.ask("big", ASK).get(10, TimeUnit.SECONDS));
      RemoteFailureException bigFailure = assertInstanceOf(RemoteFailureException.class, big.getCause());
      assertTrue(bigFailure.remoteError().contains("frame limit"), bigFailure.remoteError());
      ExecutionException bad = assertThrows(ExecutionException.class, () -> c.ask("bad", ASK).get(10, TimeUnit.SECONDS));
      RemoteFailureException badFailure = assertInstanceOf(RemoteFailureException.class, bad.getCause());
      assertTrue(badFailure.remoteError().contains("Unwritable"), badFailure.remoteError());
      assertTrue(c.isOpen());
    }
  }

  private static int localPortOf(RpcClient c) {
    return c.localAddress().getPort();
  }
}
