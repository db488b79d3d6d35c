package io.sluice.devcluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.server.resourcemanager.nodelabels.RMNodeLabelsManager;

/**
 * A YARN node label on a dev cluster, to try {@code sluice.yarn.am.nodeLabelExpression} and
 * {@code sluice.yarn.executor.nodeLabelExpression}: the last NodeManager gets the exclusive label
 * (only requests for it go there; unlabelled ones go to the other nodes) and the default queue may
 * use all of it.
 */
final class NodeLabels {
  private NodeLabels() {}

  /** What the ResourceManager needs from its start: labels on, kept in a store under {@code dir}. */
  static void enable(Configuration yarnConf, Path dir) {
    yarnConf.setBoolean("yarn.node-labels.enabled", true);
    yarnConf.set("yarn.node-labels.fs-store.root-dir", dir.toUri().toString());
  }

  /** Adds the label, puts it on the last NodeManager and lets the default queue use it. */
  static void labelLastNode(MiniYARNCluster yarn, int nodeManagers, String label) throws IOException {
    ResourceManager rm = yarn.getResourceManager();
    RMNodeLabelsManager labels = rm.getRMContext().getNodeLabelManager();
    labels.addToCluserNodeLabelsWithDefaultExclusivity(Set.of(label));
    NodeId node = yarn.getNodeManager(nodeManagers - 1).getNMContext().getNodeId();
    labels.replaceLabelsOnNode(Map.of(node, Set.of(label)));
    Configuration conf = new Configuration(yarn.getConfig());
    for (String queue : new String[] {"root", "root.default"}) {
      String prefix = "yarn.scheduler.capacity." + queue + ".accessible-node-labels";
      conf.set(prefix, label);
      conf.setInt(prefix + "." + label + ".capacity", 100);
      conf.setInt(prefix + "." + label + ".maximum-capacity", 100);
    }
    rm.getResourceScheduler().reinitialize(conf, rm.getRMContext());
  }
}
