package io.sluice.internal.rpc;

import static io.sluice.internal.rpc.TestEndpoints.ASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import io.sluice.internal.rpc.TestEndpoints.Recorder;
import io.sluice.internal.rpc.TestMessages.Note;
import io.sluice.internal.rpc.TestMessages.Ping;
import io.sluice.internal.rpc.TestMessages.Pong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's hostile-input requirement: garbage, truncated frames, huge lengths, frames before
 * authentication, wrong secrets and undecodable payloads each lose their connection, while a
 * legitimate client keeps getting correct answers before, during and after.
 */
class HostileInputTest {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final byte[] secret = Secrets.generate();
  private final Recorder handler = new Recorder();
  private final MessageCodec codec = new MessageCodec(MessageCodec.defaultSerializer(), RpcSettings.DEFAULT_MAX_FRAME_BYTES);
  private RpcServer server;
  private RpcClient legit;
  private Thread background;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger answered = new AtomicInteger();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestEndpoints.server(secret, handler, StreamSource.none());
    legit = TestEndpoints.client(server, secret);
    assertLegitClientWorks(legit, "before");
    // "During": a steady stream of asks that must all be answered correctly while attacks run.
    background = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        try {
          Pong pong = legit.<Pong>ask(new Ping("bg", i), ASK).get(10, TimeUnit.SECONDS);
          if (!pong.equals(TestEndpoints.pong(new Ping("bg", i)))) {
            errors.add(new AssertionError("wrong answer " + pong));
          }
          answered.incrementAndGet();
        } catch (Exception e) {
          errors.add(e);
        }
      }
    }, "legit-client");
    background.start();
  }

  @AfterEach
  void stop() throws Exception {
    // An attack can be over in a few milliseconds, before the background client's first answer:
    // let it get at least one through (bounded) before stopping it.
    long deadline = System.currentTimeMillis() + 10_000;
    while (answered.get() == 0 && errors.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    stop.set(true);
    background.join(20_000);
    try {
      assertTrue(errors.isEmpty(), "legitimate asks failed: " + errors);
      assertTrue(answered.get() > 0, "no legitimate ask was answered during the attacks");
      assertLegitClientWorks(legit, "after");
      try (RpcClient fresh = TestEndpoints.client(server, secret)) {
        assertLegitClientWorks(fresh, "new client after");
      }
      assertEquals(List.of(), handler.oneWays.stream().filter(m -> m instanceof Note n && n.text().startsWith("sneaky"))
          .toList(), "a message from an unauthenticated connection reached the handler");
    } finally {
      legit.close();
      server.close();
    }
  }

  @Test
  void randomGarbage() throws Exception {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    assertRejected(raw().writeRaw(garbage));
  }

  @Test
  void truncatedFrameThenClose() throws Exception {
    RawPeer beforeAuth = raw();
    beforeAuth.writeRaw(new byte[] {0, 0, 0, 100, FrameType.AUTH_RESPONSE, 1, 2, 3});
    beforeAuth.shutdownOutput();
    assertRejected(beforeAuth);

    RawPeer afterAuth = raw().authenticate(secret);
    afterAuth.writeRaw(new byte[] {0, 0, 0x10, 0, FrameType.MESSAGE, 1, 2, 3});
    afterAuth.shutdownOutput();
    assertRejected(afterAuth);
  }

  @Test
  void hugeAndNegativeLengthPrefixes() throws Exception {
    assertRejected(raw().writeRaw(ByteBuffer.allocate(4).putInt(0x7FFFFFF0).array()));
    assertRejected(raw().writeRaw(ByteBuffer.allocate(4).putInt(-5).array()));
    // After authentication the limit is the configured one (16 MiB), still far below these.
    assertRejected(raw().authenticate(secret).writeRaw(ByteBuffer.allocate(4).putInt(0x7FFFFFF0).array()));
    assertRejected(raw().authenticate(secret).writeRaw(ByteBuffer.allocate(4).putInt(RpcSettings.DEFAULT_MAX_FRAME_BYTES + 1).array()));
    // Before authentication even a 1 KiB frame is too much: handshake frames are tiny.
    assertRejected(raw().writeRaw(ByteBuffer.allocate(4).putInt(1024).array()));
  }

  @Test
  void wellFormedMessageBeforeAuthentication() throws Exception {
    byte[] oneWay = RawPeer.bytesOf(codec.encode(new Envelope.OneWay(new Note("sneaky"))));
    byte[] request = RawPeer.bytesOf(codec.encode(new Envelope.Request(1, new Ping("sneaky", 1))));
    assertRejected(raw().writeRaw(oneWay));
    assertRejected(raw().writeRaw(request));
    // Also after reading the challenge, instead of answering it.
    RawPeer peer = raw();
    assertEquals(FrameType.CHALLENGE, peer.readFrame()[0]);
    assertRejected(peer.writeRaw(oneWay));
  }

  @Test
  void wrongSecret() throws Exception {
    SluiceException e = assertThrows(SluiceException.class, () -> TestEndpoints.client(server, Secrets.generate()));
    assertTrue(e.getMessage().contains("rejected"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(server.port())), e.getMessage());

    // A raw answer with a wrong proof, then a message as if it had worked.
    RawPeer peer = raw();
    peer.readFrame();
    byte[] wrong = new byte[AuthProtocol.NONCE_BYTES + AuthProtocol.PROOF_BYTES];
    new Random(1).nextBytes(wrong);
    peer.writeFrame(FrameType.AUTH_RESPONSE, wrong);
    assertEquals(FrameType.AUTH_REJECTED, peer.readFrame()[0]);
    assertRejected(peer);

    SluiceException none = assertThrows(SluiceException.class, () -> TestEndpoints.client(server, null));
    assertTrue(none.getMessage().contains("requires authentication"), none.getMessage());
  }

  @Test
  void undecodablePayloadsAfterAuthentication() throws Exception {
    byte[] garbage = new byte[300];
    new Random(7).nextBytes(garbage);
    assertRejected(raw().authenticate(secret).writeFrame(FrameType.MESSAGE, garbage));
    // Kryo asked for a class nobody has.
    byte[] unknownClass = RawPeer.bytesOf(codec.encode(new Envelope.OneWay(new Note("sneaky-unknown"))));
    byte[] renamed = new String(unknownClass, StandardCharsets.ISO_8859_1)
        .replace("TestMessages$N", "TestMessages$X").getBytes(StandardCharsets.ISO_8859_1);
    assertFalse(Arrays.equals(unknownClass, renamed), "the class name should appear in the payload");
    assertRejected(raw().authenticate(secret).writeRaw(renamed));
    // Decodes, but is not an envelope.
    byte[] notEnvelope = RawPeer.bytesOf(Frames.frame(FrameType.MESSAGE, MessageCodec.defaultSerializer().serialize("hi")));
    assertRejected(raw().authenticate(secret).writeRaw(notEnvelope));
    // Unknown frame type, empty frame, handshake frame again, short chunk header.
    assertRejected(raw().authenticate(secret).writeFrame((byte) 99, new byte[3]));
    assertRejected(raw().authenticate(secret).writeRaw(new byte[] {0, 0, 0, 0}));
    assertRejected(raw().authenticate(secret).writeFrame(FrameType.AUTH_RESPONSE, new byte[64]));
    assertRejected(raw().authenticate(secret).writeFrame(FrameType.CHUNK, new byte[3]));
  }

  @Test
  void silentConnectionsAreClosedAfterTheAuthTimeout() throws Exception {
    RawPeer silent = raw();
    long start = System.nanoTime();
    assertRejected(silent);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= TestEndpoints.FAST.authTimeout().toMillis() - 200, "closed after " + waited + " ms");
  }

  @Test
  void serverWithoutAuthenticationAlsoRejectsGarbage() throws Exception {
    try (RpcServer open = TestEndpoints.server(null, handler, StreamSource.none());
        RpcClient c = TestEndpoints.client(open, null)) {
      assertLegitClientWorks(c, "unauthenticated");
      RawPeer peer = new RawPeer(open.port());
      assertEquals(FrameType.HELLO, peer.readFrame()[0]);
      byte[] garbage = new byte[100];
      new Random(3).nextBytes(garbage);
      assertRejected(peer.writeFrame(FrameType.MESSAGE, garbage));
      assertRejected(new RawPeer(open.port()).writeRaw(ByteBuffer.allocate(4).putInt(0x7FFFFFF0).array()));
      assertLegitClientWorks(c, "unauthenticated, after");
      // A client holding a secret refuses a server that cannot prove it knows it.
      SluiceException e = assertThrows(SluiceException.class, () -> TestEndpoints.client(open, secret));
      assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
    }
  }

  private RawPeer raw() throws IOException {
    return new RawPeer(server.port());
  }

  private static void assertRejected(RawPeer peer) throws IOException {
    try {
      assertTrue(peer.closedByServerWithin(CLOSE_WAIT), "the server kept the connection open");
    } finally {
      peer.close();
    }
  }

  private static void assertLegitClientWorks(RpcClient client, String when) throws Exception {
    Pong pong = client.<Pong>ask(new Ping(when, 7), ASK).get(10, TimeUnit.SECONDS);
    assertEquals(TestEndpoints.pong(new Ping(when, 7)), pong, when);
  }
}
