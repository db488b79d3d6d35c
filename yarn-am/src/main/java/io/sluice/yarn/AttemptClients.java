package io.sluice.yarn;

import io.sluice.core.SluiceException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;

/**
 * What an ApplicationMaster attempt talks to: the staging directory's file system, the
 * ResourceManager and the NodeManagers. Starting them loads a large part of Hadoop's client
 * classes, which costs a restarted attempt about a second of a busy node's CPU; {@link #startAsync}
 * does it beside the user's main, whose first steps (its own classes, the checkpoint) need none of
 * them, and whatever needs them waits in {@link Pending#get}.
 */
record AttemptClients(FileSystem fs, AttemptHandover handover, AMRMClientAsync<ContainerRequest> resourceManager,
                      NMClientAsync nodeManagers) {

  /** Creates and starts the clients; {@code ready} runs on the same thread once they are. */
  static Pending startAsync(Configuration conf, String stagingDir, int idleHeartbeatMs,
                            AMRMClientAsync.AbstractCallbackHandler rmEvents,
                            NMClientAsync.AbstractCallbackHandler nmEvents, ReadyAction ready) {
    CompletableFuture<AttemptClients> future = new CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        AttemptClients clients = start(conf, stagingDir, idleHeartbeatMs, rmEvents, nmEvents);
        ready.run(clients);
        future.complete(clients);
      } catch (Exception | Error e) {
        future.completeExceptionally(e);
      }
    }, "sluice-am-clients");
    starter.setDaemon(true);
    starter.start();
    return new Pending(future);
  }

  private static AttemptClients start(Configuration conf, String stagingDir, int idleHeartbeatMs,
                                      AMRMClientAsync.AbstractCallbackHandler rmEvents,
                                      NMClientAsync.AbstractCallbackHandler nmEvents) throws IOException {
    FileSystem fs = new Path(stagingDir).getFileSystem(conf);
    AMRMClientAsync<ContainerRequest> resourceManager = AMRMClientAsync.createAMRMClientAsync(idleHeartbeatMs, rmEvents);
    resourceManager.init(conf);
    resourceManager.start();
    NMClientAsync nodeManagers = NMClientAsync.createNMClientAsync(nmEvents);
    nodeManagers.init(conf);
    nodeManagers.start();
    return new AttemptClients(fs, new AttemptHandover(fs, new Path(stagingDir)), resourceManager, nodeManagers);
  }

  /** Work that must be done before anyone uses the clients (e.g. removing an old attempt's files). */
  @FunctionalInterface
  interface ReadyAction {
    void run(AttemptClients clients) throws IOException;
  }

  /** The clients while they start. */
  static final class Pending {
    private final CompletableFuture<AttemptClients> future;

    private Pending(CompletableFuture<AttemptClients> future) {
      this.future = future;
    }

    /** Waits for the clients; throws, naming the cause, when they could not start. */
    AttemptClients get() {
      try {
        return future.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new SluiceException("The ApplicationMaster could not reach YARN or the staging file system: " + cause,
            cause);
      }
    }
  }
}
