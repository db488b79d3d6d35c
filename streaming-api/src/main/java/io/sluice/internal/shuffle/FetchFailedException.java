package io.sluice.internal.shuffle;

import io.sluice.core.SluiceException;

/** A reduce task could not read a map output: the scheduler must recompute that map partition. */
public final class FetchFailedException extends SluiceException {
  private static final long serialVersionUID = 1L;
  private final int shuffleId;
  private final int mapId;

  public FetchFailedException(int shuffleId, int mapId, String executorId) {
    super("Shuffle " + shuffleId + " output of map " + mapId + " is missing on executor " + executorId);
    this.shuffleId = shuffleId;
    this.mapId = mapId;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int mapId() {
    return mapId;
  }
}
