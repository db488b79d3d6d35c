package io.sluice.devcluster;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and restarts a {@link DevCluster}'s HDFS daemons under running applications. DataNodes are
 * named by their transfer address rather than MiniDFSCluster's list index, because stopping one
 * shifts the indexes of the others and a restarted one goes to the end of the list.
 */
final class HdfsFaults {
  private static final Logger log = LoggerFactory.getLogger(HdfsFaults.class);
  /** Restarting daemons on two busy cores can take a while; long enough not to fail a slow machine. */
  private static final long WAIT_MS = 120_000;

  private final MiniDFSCluster dfs;
  // Guarded by this: the properties of stopped DataNodes (their storage dirs, conf and ports).
  private final Map<String, MiniDFSCluster.DataNodeProperties> stopped = new HashMap<>();

  HdfsFaults(MiniDFSCluster dfs) {
    this.dfs = dfs;
  }

  synchronized List<String> runningDataNodes() {
    return dfs.getDataNodes().stream().map(HdfsFaults::name).toList();
  }

  synchronized void stopDataNode(String address) {
    if (!runningDataNodes().contains(address)) {
      throw new IllegalArgumentException("no running DataNode at " + address + "; running: " + runningDataNodes());
    }
    stopped.put(address, dfs.stopDataNode(address));
    log.info("Stopped DataNode {}", address);
  }

  synchronized void restartDataNode(String address) throws IOException {
    MiniDFSCluster.DataNodeProperties properties = stopped.remove(address);
    if (properties == null) {
      throw new IllegalArgumentException("DataNode " + address + " was not stopped; stopped: " + stopped.keySet());
    }
    // keepPort: clients and the NameNode know the DataNode by its address.
    if (!dfs.restartDataNode(properties, true)) {
      throw new IOException("DataNode " + address + " did not restart");
    }
    dfs.waitActive();
    awaitBlockReports();
    log.info("Restarted DataNode {}", address);
  }

  synchronized void restartNameNode() throws IOException {
    // Only the running DataNodes can re-register; stopped ones stay stopped.
    int running = dfs.getDataNodes().size();
    dfs.restartNameNode(true);
    long deadline = System.currentTimeMillis() + WAIT_MS;
    NameNode nameNode = dfs.getNameNode();
    while (nameNode.getNamesystem().getNumLiveDataNodes() < running || nameNode.isInSafeMode()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("NameNode restarted but after " + WAIT_MS + " ms has "
            + nameNode.getNamesystem().getNumLiveDataNodes() + " of " + running + " DataNodes, safe mode "
            + nameNode.isInSafeMode());
      }
      sleep();
    }
    log.info("Restarted NameNode on {}", nameNode.getNameNodeAddress());
  }

  private void awaitBlockReports() throws IOException {
    try {
      dfs.waitFirstBRCompleted(0, (int) WAIT_MS);
    } catch (TimeoutException e) {
      throw new IOException("DataNodes did not report their blocks within " + WAIT_MS + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for block reports");
    }
  }

  private static void sleep() throws InterruptedIOException {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the NameNode");
    }
  }

  private static String name(DataNode dn) {
    return dn.getDatanodeId().getXferAddr();
  }
}
