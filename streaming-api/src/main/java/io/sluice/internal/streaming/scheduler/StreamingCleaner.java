package io.sluice.internal.streaming.scheduler;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.rdd.ShuffleLineage;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees what RDDs the streams have dropped leave behind: their shuffle outputs and their
 * checkpoint files, unless an RDD still remembered reaches them through its lineage (a window over
 * a reduced stream, a state built on an older checkpoint). Without this, every batch's shuffle and
 * every stateful checkpoint would stay forever.
 */
public final class StreamingCleaner {
  private static final Logger log = LoggerFactory.getLogger(StreamingCleaner.class);

  private final SluiceContext sc;

  public StreamingCleaner(SluiceContext sc) {
    this.sc = sc;
  }

  public void afterClear(List<RDD<?>> dropped, List<RDD<?>> remembered) {
    if (dropped.isEmpty()) {
      return;
    }
    ShuffleLineage droppedLineage = ShuffleLineage.of(dropped);
    if (droppedLineage.shuffles().isEmpty() && droppedLineage.checkpointDirs().isEmpty()) {
      return;
    }
    ShuffleLineage live = ShuffleLineage.of(remembered);
    droppedLineage.shuffles().removeAll(live.shuffles());
    droppedLineage.checkpointDirs().removeAll(live.checkpointDirs());
    for (int shuffleId : droppedLineage.shuffles()) {
      Internals.context().removeShuffle(sc, shuffleId);
    }
    for (String dir : droppedLineage.checkpointDirs()) {
      deleteCheckpoint(dir);
    }
    log.debug("Removed {} shuffles and {} RDD checkpoints of dropped RDDs", droppedLineage.shuffles().size(),
        droppedLineage.checkpointDirs().size());
  }

  private void deleteCheckpoint(String dir) {
    try {
      Path path = new Path(dir);
      path.getFileSystem(sc.hadoopConfiguration()).delete(path, true);
    } catch (IOException e) {
      log.warn("Could not delete the old RDD checkpoint {}: {}", dir, e.toString());
    }
  }
}
