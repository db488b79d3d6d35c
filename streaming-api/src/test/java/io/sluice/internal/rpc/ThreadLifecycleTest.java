package io.sluice.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.rpc.TestMessages.Ping;
import io.sluice.internal.rpc.TestMessages.Sleep;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ThreadLifecycleTest {

  @Test
  void closingServersAndClientsStopsEveryThreadTheyStarted() throws Exception {
    byte[] secret = Secrets.generate();
    // Warm up class loading and JDK-internal threads (e.g. the delayed executor) outside the measurement.
    runWorkload(secret);
    long baseline = rpcThreads();
    int baselineAll = Thread.activeCount();

    for (int round = 0; round < 2; round++) {
      runWorkload(secret);
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rpcThreads() > baseline && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(rpcThreads() <= baseline, "threads left: " + threadNames());
    assertTrue(Thread.activeCount() <= baselineAll + 2, "before " + baselineAll + ", now " + Thread.activeCount()
        + ": " + threadNames());
  }

  private static void runWorkload(byte[] secret) throws Exception {
    StreamSource streams = StreamSource.ofBytes(id -> Optional.of(new byte[3 * 1024 * 1024]));
    RpcServer server = TestEndpoints.server(secret, new TestEndpoints.Recorder(), streams);
    RpcClient a = TestEndpoints.client(server, secret);
    RpcClient b = TestEndpoints.client(server, secret);
    for (int i = 0; i < 50; i++) {
      a.ask(new Ping("a", i), TestEndpoints.ASK).get(10, TimeUnit.SECONDS);
      b.ask(new Ping("b", i), TestEndpoints.ASK).get(10, TimeUnit.SECONDS);
    }
    a.fetchBytes("x", Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
    CompletableFuture<Object> outstanding = b.ask(new Sleep(10_000), Duration.ofSeconds(30));
    a.close();
    server.close(); // with a handler still sleeping and an ask outstanding
    b.close();
    assertTrue(outstanding.isCompletedExceptionally());
  }

  private static long rpcThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sluice-rpc")).count();
  }

  private static String threadNames() {
    Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
    return all.keySet().stream().map(Thread::getName).sorted().collect(Collectors.joining(", "));
  }
}
