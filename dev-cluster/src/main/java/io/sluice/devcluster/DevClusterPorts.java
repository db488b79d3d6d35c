package io.sluice.devcluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed ports of a {@link DevCluster}. The ResourceManager's ports must be fixed (not
 * ephemeral) or the tracking URLs it hands out through its web proxy read {@code localhost:0}.
 * HDFS's NameNode ports are fixed too, so a restarted cluster keeps its {@code hdfs://} URI.
 */
public record DevClusterPorts(int resourceManager, int scheduler, int resourceTracker, int admin, int webapp,
                              int nameNode, int nameNodeHttp) {
  /** How many consecutive ports {@link #startingAt} uses. */
  public static final int COUNT = 7;

  public DevClusterPorts {
    for (int port : List.of(resourceManager, scheduler, resourceTracker, admin, webapp, nameNode, nameNodeHttp)) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
  }

  /** Ports {@code base}, {@code base + 1}, ... {@code base + COUNT - 1}, in the order of the components. */
  public static DevClusterPorts startingAt(int base) {
    if (base < 1024 || base > 65_536 - COUNT) {
      throw new IllegalArgumentException(
          "base port must be between 1024 and " + (65_536 - COUNT) + " (it uses " + COUNT + " ports), got " + base);
    }
    return new DevClusterPorts(base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6);
  }

  /**
   * Ports that were free a moment ago. All are held open until all are chosen, so they differ;
   * another process may still take one before the cluster binds it (unlikely on a dev machine).
   */
  public static DevClusterPorts free() throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[COUNT];
      for (int i = 0; i < COUNT; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return new DevClusterPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6]);
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }
}
