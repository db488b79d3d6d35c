package io.sluice.internal.streaming.scheduler;

import io.sluice.streaming.Time;

/** Writes a metadata checkpoint as of a batch time; called on the job generator's thread. */
@FunctionalInterface
public interface MetadataCheckpointer {
  MetadataCheckpointer NONE = time -> { };

  void checkpoint(Time time);
}
