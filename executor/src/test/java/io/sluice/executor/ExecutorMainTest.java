package io.sluice.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.internal.cluster.ClusterMessages;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.rpc.RpcHandler;
import io.sluice.internal.rpc.RpcPeer;
import io.sluice.internal.rpc.RpcServer;
import io.sluice.internal.rpc.Secrets;
import io.sluice.internal.util.JvmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor process on its own, against a stand-in driver: start, register, and every way it ends. */
class ExecutorMainTest {
  @TempDir
  Path tmp;

  private final byte[] secret = Secrets.generate();

  /** A driver that accepts the registration and remembers the executor's connection. */
  private static final class StandInDriver implements RpcHandler {
    final CompletableFuture<RpcPeer> registered = new CompletableFuture<>();
    /** Completes at the first heartbeat, which the executor sends only once registered. */
    final CompletableFuture<Void> heartbeat = new CompletableFuture<>();

    @Override
    public void receiveOneWay(Object message, RpcPeer from) {
      if (message instanceof ClusterMessages.Heartbeat) {
        heartbeat.complete(null);
      }
    }

    @Override
    public Object receive(io.sluice.internal.rpc.RpcCall call) {
      if (call.message() instanceof ClusterMessages.RegisterExecutor) {
        registered.complete(call.from());
        return Boolean.TRUE;
      }
      throw new UnsupportedOperationException(call.message().getClass().getSimpleName());
    }
  }

  @Test
  void exitsCleanlyWhenTheDriverGoesAway() throws Exception {
    StandInDriver driver = new StandInDriver();
    RpcServer server = RpcServer.start("127.0.0.1", 0, secret, driver);
    Process executor = launch(spec(server.port()), secret);
    driver.heartbeat.get(30, TimeUnit.SECONDS);
    server.close();
    assertTrue(executor.waitFor(15, TimeUnit.SECONDS), "the executor outlived its driver");
    assertEquals(0, executor.exitValue());
    assertTrue(stderr().contains("connection to the driver"), stderr());
  }

  @Test
  void exitsCleanlyWhenTheDriverSaysStop() throws Exception {
    StandInDriver driver = new StandInDriver();
    try (RpcServer server = RpcServer.start("127.0.0.1", 0, secret, driver)) {
      Process executor = launch(spec(server.port()), secret);
      driver.registered.get(30, TimeUnit.SECONDS).send(new ClusterMessages.StopExecutor("test is over"));
      assertTrue(executor.waitFor(15, TimeUnit.SECONDS));
      assertEquals(0, executor.exitValue());
      assertTrue(stderr().contains("test is over"), stderr());
    }
  }

  @Test
  void aWrongSecretFailsTheStartWithoutLeakingIt() throws Exception {
    try (RpcServer server = RpcServer.start("127.0.0.1", 0, secret, new StandInDriver())) {
      byte[] wrong = Secrets.generate();
      Process executor = launch(spec(server.port()), wrong);
      assertTrue(executor.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, executor.exitValue());
      assertTrue(stderr().contains("rejected this client's secret"), stderr());
      assertTrue(!stderr().contains(Secrets.toHex(wrong)) && !stderr().contains(Secrets.toHex(secret)),
          "a secret appeared in the executor's log");
    }
  }

  @Test
  void aMissingLaunchSpecFailsNamingTheFile() throws Exception {
    Process executor = launch(tmp.resolve("no-such-spec.properties"), secret);
    assertTrue(executor.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, executor.exitValue());
    assertTrue(stderr().contains("no-such-spec.properties"), stderr());
  }

  private Path spec(int driverPort) {
    Path file = tmp.resolve("launch.properties");
    new ExecutorLaunchSpec("127.0.0.1", driverPort, "exec-test", 1, 256, "127.0.0.1",
        Map.of("sluice.app.name", "executor-main-test", "sluice.local.dir", tmp.toString(),
            "sluice.executor.heartbeatInterval", "100ms")).write(file);
    return file;
  }

  private Process launch(Path spec, byte[] secretToHand) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmOptions.ADD_OPENS);
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), ExecutorMain.class.getName(),
        spec.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("stderr").toFile());
    builder.environment().put(ExecutorLaunchSpec.SECRET_ENV, Secrets.toHex(secretToHand));
    return builder.start();
  }

  private String stderr() throws Exception {
    return Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
  }
}
