package io.sluice.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.rpc.TestEndpoints.Recorder;
import io.sluice.internal.rpc.TestMessages.Ping;
import io.sluice.internal.rpc.TestMessages.Pong;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamTransferTest {
  private static final Duration IDLE = Duration.ofSeconds(10);
  private static final byte[] TWENTY_MB = randomBytes(20 * 1024 * 1024 + 12345);
  private static final byte[] EXACT_CHUNKS = randomBytes(3 * RpcSettings.DEFAULT_CHUNK_BYTES);

  private final byte[] secret = Secrets.generate();
  private RpcServer server;
  private RpcClient client;

  @BeforeEach
  void start() {
    Map<String, byte[]> blocks = Map.of("block_1", TWENTY_MB, "exact", EXACT_CHUNKS, "empty", new byte[0]);
    StreamSource source = streamId -> {
      if (streamId.equals("broken")) {
        return Optional.of(new FailingStream());
      }
      return Optional.ofNullable(blocks.get(streamId)).map(ByteArrayInputStream::new);
    };
    server = TestEndpoints.server(secret, new Recorder(), source);
    client = TestEndpoints.client(server, secret);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void twentyMegabytesArriveInChunksAndReassemble() throws Exception {
    long start = System.nanoTime();
    byte[] fetched = client.fetchBytes("block_1", IDLE).get(30, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertArrayEquals(TWENTY_MB, fetched);
    System.out.println("Fetched " + fetched.length + " bytes in " + millis + " ms");
  }

  @Test
  void streamsCanBeReadAsInputStreams() throws Exception {
    try (InputStream in = client.fetchStream("block_1", IDLE).get(30, TimeUnit.SECONDS)) {
      assertArrayEquals(TWENTY_MB, in.readAllBytes());
    }
  }

  @Test
  void lengthsOfWholeChunksAndEmptyStreams() throws Exception {
    assertArrayEquals(EXACT_CHUNKS, client.fetchBytes("exact", IDLE).get(30, TimeUnit.SECONDS));
    assertEquals(0, client.fetchBytes("empty", IDLE).get(30, TimeUnit.SECONDS).length);
  }

  @Test
  void concurrentFetchesAndAsksShareTheConnection() throws Exception {
    CompletableFuture<byte[]> first = client.fetchBytes("block_1", IDLE);
    CompletableFuture<byte[]> second = client.fetchBytes("block_1", IDLE);
    Pong pong = client.<Pong>ask(new Ping("during", 1), TestEndpoints.ASK).get(10, TimeUnit.SECONDS);
    assertEquals(2, pong.n());
    assertArrayEquals(TWENTY_MB, first.get(30, TimeUnit.SECONDS));
    assertArrayEquals(TWENTY_MB, second.get(30, TimeUnit.SECONDS));
  }

  @Test
  void unknownStreamFailsNamingIt() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client.fetchBytes("shuffle_9_9_9", IDLE).get(10, TimeUnit.SECONDS));
    RemoteFailureException failure = assertInstanceOf(RemoteFailureException.class, e.getCause());
    assertTrue(failure.getMessage().contains("shuffle_9_9_9"), failure.getMessage());
    assertTrue(client.isOpen());
  }

  @Test
  void readErrorMidStreamFailsTheFetch() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client.fetchBytes("broken", IDLE).get(10, TimeUnit.SECONDS));
    RemoteFailureException failure = assertInstanceOf(RemoteFailureException.class, e.getCause());
    assertTrue(failure.getMessage().contains("disk gone"), failure.getMessage());
    assertTrue(client.isOpen());
  }

  /** One full chunk, then an I/O error. */
  private static final class FailingStream extends InputStream {
    private int served;

    @Override
    public int read() throws IOException {
      if (served++ < RpcSettings.DEFAULT_CHUNK_BYTES) {
        return 7;
      }
      throw new IOException("disk gone");
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }
}
