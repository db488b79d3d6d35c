package io.sluice.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.StorageLevel;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.rpc.RpcServer;
import io.sluice.internal.rpc.RpcSettings;
import io.sluice.internal.rpc.Secrets;
import io.sluice.internal.rpc.StreamSource;
import io.sluice.internal.storage.BlockId;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor losing its driver, against drivers played by real RPC servers on loopback: with a
 * {@link DriverLocator} it keeps its blocks and re-registers with the next driver under its id;
 * without one, or past {@code sluice.executor.driverLossTimeout}, it ends as before.
 */
@Timeout(60)
class ExecutorDriverLossTest {
  private final byte[] secret = Secrets.generate();
  private final AtomicReference<Optional<InetSocketAddress>> published = new AtomicReference<>(Optional.empty());
  private final DriverLocator locator = published::get;
  @TempDir
  Path localDir;
  private PlayedDriver first;
  private PlayedDriver second;
  private ExecutorRuntime executor;

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
    }
    for (PlayedDriver d : new PlayedDriver[] {first, second}) {
      if (d != null) {
        d.server.close();
      }
    }
  }

  /** A driver that accepts every (re-)registration and records what executors tell it. */
  private final class PlayedDriver {
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final RpcServer server;

    PlayedDriver() {
      this(Boolean.TRUE);
    }

    /** @param reattachAnswer what it answers a re-registration: false as a driver that declared the executor lost */
    PlayedDriver(Boolean reattachAnswer) {
      RpcHandler handler = new RpcHandler() {
        @Override
        public Object receive(io.sluice.internal.rpc.RpcCall call) {
          received.add(call.message());
          return call.message() instanceof ClusterMessages.ReattachExecutor ? reattachAnswer : Boolean.TRUE;
        }

        @Override
        public void receiveOneWay(Object message, RpcPeer from) {
          received.add(message);
        }
      };
      server = RpcServer.start("127.0.0.1", 0, secret, handler, StreamSource.none(),
          RpcSettings.fromConf(new SluiceConf(false)));
    }

    <T> T next(Class<T> type) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        Object message = received.poll(100, TimeUnit.MILLISECONDS);
        if (type.isInstance(message)) {
          return type.cast(message);
        }
      }
      throw new AssertionError("the driver received no " + type.getSimpleName());
    }
  }

  private ExecutorRuntime startExecutor(String driverLossTimeout, DriverLocator locator) throws Exception {
    first = new PlayedDriver();
    Map<String, String> conf = Map.of("sluice.executor.driverLossTimeout", driverLossTimeout,
        "sluice.executor.heartbeatInterval", "100ms", "sluice.local.dir", Files.createDirectories(localDir).toString());
    ExecutorLaunchSpec spec = new ExecutorLaunchSpec("127.0.0.1", first.server.port(), "exec-7", 1, 256, "127.0.0.1",
        conf);
    ExecutorRuntime runtime = new ExecutorRuntime(spec, secret, locator);
    first.next(ClusterMessages.RegisterExecutor.class);
    return runtime;
  }

  @Test
  void keepsItsBlocksAndReRegistersWithTheNextDriverUnderTheSameId() throws Exception {
    executor = startExecutor("20s", locator);
    BlockId received = new BlockId.StreamBlock(0, 11);
    executor.env().blockManager().putValues(received, List.of("a", "b"), StorageLevel.MEMORY_AND_DISK_SER);
    executor.env().blockManager().putBytes(new BlockId.ShuffleBlock(1, 0, 0), new byte[] {1},
        StorageLevel.MEMORY_AND_DISK_SER);
    // A cached partition: the next driver numbers its RDDs from 1 again, so this one must not survive.
    BlockId cached = new BlockId.RddBlock(3, 0);
    executor.env().blockManager().putValues(cached, List.of("old driver's"), StorageLevel.MEMORY_ONLY_SER);
    CompletableFuture<String> ended = CompletableFuture.supplyAsync(this::awaitEnd);

    first.server.close(); // the ApplicationMaster died
    second = new PlayedDriver();
    published.set(Optional.of(second.server.address()));

    ClusterMessages.ReattachExecutor reattach = second.next(ClusterMessages.ReattachExecutor.class);
    assertEquals("exec-7", reattach.executorId());
    assertEquals(List.of(received), reattach.blocks(), "received blocks only (no shuffle output, no RDD blocks)");
    assertTrue(executor.env().blockManager().contains(received), "the block is still stored");
    assertFalse(executor.env().blockManager().contains(cached), "rdd_3_0 would be served as the new driver's RDD 3");
    assertEquals("exec-7", second.next(ClusterMessages.Heartbeat.class).executorId(),
        "heartbeats go to the new driver");
    assertFalse(ended.isDone(), "the executor lives on with its new driver");

    second.server.close();
    second = null;
  }

  @Test
  void endsAtOnceWhenTheDriverItFindsRefusesItBackHavingDeclaredItLost() throws Exception {
    executor = startExecutor("60s", locator);
    first.server.close(); // as the driver closes the connection of an executor silent past the timeout
    second = new PlayedDriver(Boolean.FALSE);
    published.set(Optional.of(second.server.address()));

    // Within 20 s, where waiting for another driver would take the whole driverLossTimeout (60 s).
    String reason = CompletableFuture.supplyAsync(this::awaitEnd).get(20, TimeUnit.SECONDS);
    assertEquals("exec-7", second.next(ClusterMessages.ReattachExecutor.class).executorId());
    assertTrue(reason.contains("refused it back") && reason.contains("declared this executor lost"), reason);
    assertTrue(second.received.stream().noneMatch(m -> m instanceof ClusterMessages.Heartbeat),
        "no heartbeat to the driver that refused it");
  }

  @Test
  void endsWhenNoNewDriverAppearsWithinTheTimeout() throws Exception {
    executor = startExecutor("500ms", locator);
    first.server.close();
    String reason = CompletableFuture.supplyAsync(this::awaitEnd).get(20, TimeUnit.SECONDS);
    assertTrue(reason.contains("sluice.executor.driverLossTimeout"), reason);
  }

  @Test
  void withoutALocatorItEndsWithItsDriverAsInLocalModes() throws Exception {
    executor = startExecutor("60s", null);
    first.server.close();
    String reason = CompletableFuture.supplyAsync(this::awaitEnd).get(20, TimeUnit.SECONDS);
    assertTrue(reason.contains("connection to the driver"), reason);
    assertFalse(reason.contains("driverLossTimeout"), reason);
  }

  @Test
  void aBadTimeoutFailsTheDriversStartNamingTheOption() {
    SluiceConf conf = new SluiceConf(false).set("sluice.executor.driverLossTimeout", "-5s");
    io.sluice.core.SluiceException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.sluice.core.SluiceException.class, () -> new ClusterScheduler(conf, "127.0.0.1", 1, 1, 256,
            new FakeExecutors(), null, new io.sluice.internal.shuffle.MapOutputTracker(),
            new io.sluice.internal.util.ManualClock(0), secret));
    assertTrue(e.getMessage().contains("sluice.executor.driverLossTimeout"), e.getMessage());
    assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
  }

  private String awaitEnd() {
    try {
      return executor.awaitEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
