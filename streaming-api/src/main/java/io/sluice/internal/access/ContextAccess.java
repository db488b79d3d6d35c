package io.sluice.internal.access;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.internal.config.MasterUrl;
import io.sluice.internal.executor.ExecutorEnv;
import io.sluice.internal.rdd.TaskFunction;
import io.sluice.internal.scheduler.ClusterBackend;
import io.sluice.internal.scheduler.DAGScheduler;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.shuffle.MapOutputTracker;
import io.sluice.internal.storage.BlockId;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.eventlog.EventLog;
import io.sluice.internal.ui.DriverUi;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The engine-only members of {@link SluiceContext}; see {@link Internals}. */
public interface ContextAccess {
  /** Runs {@code f} over every partition; results in partition order. */
  <T, U> List<U> runJob(SluiceContext sc, RDD<T> rdd, TaskFunction<T, U> f);

  <T, U> List<U> runJob(SluiceContext sc, RDD<T> rdd, TaskFunction<T, U> f, int[] partitions);

  int newShuffleId(SluiceContext sc);

  Serializer dataSerializer(SluiceContext sc);

  Serializer closureSerializer(SluiceContext sc);

  DAGScheduler dagScheduler(SluiceContext sc);

  ExecutorEnv driverEnv(SluiceContext sc);

  /** The web UI, for the streaming context to attach to; empty when disabled. */
  Optional<DriverUi> ui(SluiceContext sc);

  /** The event log, for the streaming context to log its events to; empty when disabled. */
  Optional<EventLog> eventLog(SluiceContext sc);

  ClusterBackend backend(SluiceContext sc);

  MasterUrl master(SluiceContext sc);

  BlockManager blockManager(SluiceContext sc);

  MapOutputTracker mapOutputs(SluiceContext sc);

  /** A deep copy made by serializing; also proves the value can be shipped. */
  <T> T copyBySerialization(SluiceContext sc, T value);

  Collection<RDD<?>> persistedRdds(SluiceContext sc);

  /** Removes blocks from every executor's store (received blocks no batch needs any more). */
  void removeBlocks(SluiceContext sc, Collection<? extends BlockId> ids);

  /** Frees the map outputs of a shuffle nothing will read again. */
  void removeShuffle(SluiceContext sc, int shuffleId);
}
