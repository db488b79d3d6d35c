package io.sluice.devcluster;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The settings a {@link DevCluster} runs with, grouped as the three Hadoop site files. Only the
 * keys set here are written to the conf dir; every other key keeps its Hadoop default on both
 * sides, so the files stay short enough to read.
 */
record SiteConfigs(Configuration core, Configuration hdfs, Configuration yarn) {
  static final String HOST = "localhost";
  static final String CORE_SITE = "core-site.xml";
  static final String HDFS_SITE = "hdfs-site.xml";
  static final String YARN_SITE = "yarn-site.xml";

  /** The site settings of a cluster on {@code ports} whose HDFS is at {@code fsUri}. */
  static SiteConfigs of(DevClusterPorts ports, URI fsUri, Duration amExpiry, int maxAmAttempts, int dataNodes) {
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", fsUri.toString());
    return new SiteConfigs(core, hdfsSite(dataNodes), yarnSite(ports, amExpiry, maxAmAttempts));
  }

  /** The HDFS settings of a cluster with {@code dataNodes} DataNodes, for the daemons and the clients alike. */
  static Configuration hdfsSite(int dataNodes) {
    Configuration hdfs = new Configuration(false);
    // HDFS's default of 3 replicas would leave every block under-replicated on a small cluster (and
    // logged as such). One DataNode holds one copy; with more, two copies let one DataNode die without
    // losing a block, as a small real cluster would be set up.
    hdfs.setInt("dfs.replication", dataNodes == 1 ? 1 : 2);
    // A NameNode without a standby (as here, and on most small clusters) is simply gone while it
    // restarts, then refuses writes in safe mode until the DataNodes have reported their blocks. By
    // default an HDFS client fails at once, and processes outside Sluice's control fail with it: a
    // NodeManager localizing a new ApplicationMaster attempt's files fails the attempt. Such clusters
    // turn on the client retry policy (HA clusters get the same from their failover proxies); its
    // default spec retries for about 11 minutes, 10 s and then 60 s apart. Only reads and writes
    // through the NameNode wait; DataNode pipelines are unaffected (see the replace-datanode note).
    hdfs.setBoolean("dfs.client.retry.policy.enabled", true);
    // dfs.client.block.write.replace-datanode-on-failure.* keep their defaults: with two replicas a
    // writer that loses a DataNode of its pipeline goes on with the one left (replacing is only
    // attempted from three replicas up), which is what a small cluster wants; a third DataNode to
    // copy to would only slow the write.
    return hdfs;
  }

  private static Configuration yarnSite(DevClusterPorts ports, Duration amExpiry, int maxAmAttempts) {
    Configuration yarn = new Configuration(false);
    yarn.set("yarn.resourcemanager.hostname", HOST);
    yarn.set("yarn.resourcemanager.address", HOST + ":" + ports.resourceManager());
    yarn.set("yarn.resourcemanager.scheduler.address", HOST + ":" + ports.scheduler());
    yarn.set("yarn.resourcemanager.resource-tracker.address", HOST + ":" + ports.resourceTracker());
    yarn.set("yarn.resourcemanager.admin.address", HOST + ":" + ports.admin());
    yarn.set("yarn.resourcemanager.webapp.address", HOST + ":" + ports.webapp());
    // Without it MiniYARNCluster replaces the addresses above by ephemeral ones (see DevClusterPorts).
    yarn.setBoolean("yarn.minicluster.fixed.ports", true);

    // Small containers on a small machine. MiniYARNCluster overwrites the NodeManager memory
    // with the minicluster key; the plain key is for readers of yarn-site.xml.
    yarn.setInt("yarn.scheduler.minimum-allocation-mb", 64);
    yarn.setInt("yarn.scheduler.maximum-allocation-mb", 2048);
    yarn.setInt("yarn.scheduler.maximum-allocation-vcores", 4);
    yarn.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", 2048);
    yarn.setInt("yarn.nodemanager.resource.memory-mb", 2048);
    yarn.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
    yarn.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    yarn.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
    yarn.setFloat("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", 99f);

    // A long log retention makes NodeManager shutdown take ~35 s; container logs stay on disk anyway.
    yarn.setLong("yarn.nodemanager.log.retain-seconds", 1);
    yarn.setLong("yarn.nodemanager.delete.debug-delay-sec", 600);

    // Every NodeManager runs on this one host: the scheduler must tell them apart by port, or an
    // application excluding one node (a NodeManager that died unnoticed) would exclude them all.
    yarn.setBoolean("yarn.scheduler.include-port-in-node-name", true);

    yarn.setLong("yarn.am.liveness-monitor.expiry-interval-ms", amExpiry.toMillis());
    // The cluster-wide cap; applications choose their own number of attempts up to it.
    yarn.setInt("yarn.resourcemanager.am.max-attempts", maxAmAttempts);

    // No capacity-scheduler.xml ships with the minicluster jars: one queue, "default", holds all.
    String queue = "yarn.scheduler.capacity.root.default.";
    yarn.set("yarn.scheduler.capacity.root.queues", "default");
    yarn.setInt(queue + "capacity", 100);
    yarn.setInt(queue + "maximum-capacity", 100);
    yarn.setInt(queue + "user-limit-factor", 1);
    yarn.set(queue + "state", "RUNNING");
    yarn.set(queue + "acl_submit_applications", "*");
    yarn.set(queue + "acl_administer_queue", "*");
    yarn.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    yarn.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
    return yarn;
  }

  /** These settings with {@code other}'s on top, file by file. */
  SiteConfigs plus(SiteConfigs other) {
    return new SiteConfigs(merge(core, other.core), merge(hdfs, other.hdfs), merge(yarn, other.yarn));
  }

  private static Configuration merge(Configuration first, Configuration second) {
    Configuration merged = new Configuration(false);
    first.forEach(entry -> merged.set(entry.getKey(), entry.getValue()));
    second.forEach(entry -> merged.set(entry.getKey(), entry.getValue()));
    return merged;
  }

  /** {@code base} with every setting of the three files applied on top. */
  Configuration applyTo(Configuration base) {
    for (Configuration site : new Configuration[] {core, hdfs, yarn}) {
      site.forEach(entry -> base.set(entry.getKey(), entry.getValue()));
    }
    return base;
  }

  /** Writes core-site.xml, hdfs-site.xml and yarn-site.xml into {@code confDir}, each replaced whole. */
  void writeTo(Path confDir) throws IOException {
    Files.createDirectories(confDir);
    write(core, confDir.resolve(CORE_SITE));
    write(hdfs, confDir.resolve(HDFS_SITE));
    write(yarn, confDir.resolve(YARN_SITE));
  }

  // A reader never sees half a file, even one that starts while an earlier cluster is rewriting the dir.
  // Written by hand rather than with Configuration.writeXml: one sorted property per line reads better.
  private static void write(Configuration site, Path file) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<!-- Written by Sluice's DevCluster; rewritten at every start. -->\n<configuration>\n");
    new TreeMap<>(site.getPropsWithPrefix("")).forEach((key, value) -> xml.append("  <property><name>")
        .append(escape(key)).append("</name><value>").append(escape(value)).append("</value></property>\n"));
    xml.append("</configuration>\n");
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temp, xml, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
