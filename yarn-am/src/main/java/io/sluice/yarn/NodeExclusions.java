package io.sluice.yarn;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes that get no executor containers for a while. A NodeManager that died without telling the
 * ResourceManager (a lost machine, a hung daemon) counts as alive until its liveness expiry, 10
 * minutes by default, and the ResourceManager keeps placing containers there: each replacement would
 * then wait for a start that never happens. A node where a start failed, or whose executor never
 * registered, is excluded instead, so the next request lands elsewhere.
 *
 * <p>Never every node: with as many exclusions as the cluster has nodes less one, further failures
 * exclude nothing more, since asking for containers nowhere would stop the application for good,
 * while a bad node only costs another try. Not thread-safe: owned by {@link ExecutorContainers}'
 * loop thread.
 */
final class NodeExclusions {
  private static final Logger log = LoggerFactory.getLogger(NodeExclusions.class);

  private final ContainerAllocator resourceManager;
  private final long durationMs;
  private final Set<String> excluded = new LinkedHashSet<>();

  NodeExclusions(ContainerAllocator resourceManager, long durationMs) {
    this.resourceManager = resourceManager;
    this.durationMs = durationMs;
  }

  /**
   * Excludes {@code node} (a scheduler node name) for the exclusion timeout, if that is on and
   * leaves at least one node of the cluster. Returns whether the caller should schedule
   * {@link #readmit} after {@link #durationMs}.
   */
  boolean exclude(String node, String why) {
    if (durationMs <= 0 || excluded.contains(node)) {
      return false;
    }
    int nodes = resourceManager.clusterNodes();
    if (excluded.size() + 1 >= nodes) {
      log.warn("Not excluding node {} ({}): {} of the cluster's {} node(s) are excluded already", node, why,
          excluded.size(), nodes);
      return false;
    }
    excluded.add(node);
    resourceManager.exclude(node);
    log.warn("Excluding node {} from executor containers for {} ms: {}", node, durationMs, why);
    return true;
  }

  void readmit(String node) {
    if (excluded.remove(node)) {
      resourceManager.readmit(node);
      log.info("Node {} may get executor containers again", node);
    }
  }

  long durationMs() {
    return durationMs;
  }

  Set<String> excluded() {
    return Set.copyOf(excluded);
  }
}
