package io.sluice.internal.shuffle;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's record of which map outputs of each shuffle exist and where. A shuffle is
 * available when every map partition has a status; losing an executor forgets its outputs, so the
 * scheduler recomputes them from lineage.
 */
public final class MapOutputTracker {
  private final Map<Integer, MapStatus[]> outputs = new ConcurrentHashMap<>();

  public void registerShuffle(int shuffleId, int numMaps) {
    outputs.putIfAbsent(shuffleId, new MapStatus[numMaps]);
  }

  public void registerMapOutput(int shuffleId, int mapId, MapStatus status) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses != null) {
      synchronized (statuses) {
        statuses[mapId] = status;
      }
    }
  }

  /** Map partitions of the shuffle with no output yet (all of them when the shuffle is unknown). */
  public Optional<int[]> missingMaps(int shuffleId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses == null) {
      return Optional.empty();
    }
    synchronized (statuses) {
      int[] missing = new int[statuses.length];
      int n = 0;
      for (int i = 0; i < statuses.length; i++) {
        if (statuses[i] == null) {
          missing[n++] = i;
        }
      }
      return Optional.of(Arrays.copyOf(missing, n));
    }
  }

  /** A snapshot of the statuses of a shuffle whose maps have all run; empty if any is missing. */
  public Optional<MapStatus[]> statuses(int shuffleId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses == null) {
      return Optional.empty();
    }
    synchronized (statuses) {
      for (MapStatus s : statuses) {
        if (s == null) {
          return Optional.empty();
        }
      }
      return Optional.of(statuses.clone());
    }
  }

  /** Forgets one map output, e.g. after a reduce task could not fetch it. */
  public void unregisterMapOutput(int shuffleId, int mapId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses != null) {
      synchronized (statuses) {
        statuses[mapId] = null;
      }
    }
  }

  /** Forgets every map output held by a lost executor; returns how many. */
  public int removeOutputsOnExecutor(String executorId) {
    int removed = 0;
    for (MapStatus[] statuses : outputs.values()) {
      synchronized (statuses) {
        for (int i = 0; i < statuses.length; i++) {
          if (statuses[i] != null && statuses[i].executorId().equals(executorId)) {
            statuses[i] = null;
            removed++;
          }
        }
      }
    }
    return removed;
  }

  public void unregisterShuffle(int shuffleId) {
    outputs.remove(shuffleId);
  }

  public Set<Integer> shuffleIds() {
    return Set.copyOf(outputs.keySet());
  }
}
