package io.sluice.internal.executor;

import io.sluice.core.SluiceConf;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.storage.BlockManager;
import io.sluice.internal.storage.BlockTransfer;

/**
 * Everything a task needs from the executor it runs on. In {@code local[N]} the driver and the one
 * executor share a single environment; executor processes build their own.
 */
public record ExecutorEnv(String executorId, SluiceConf conf, Serializer dataSerializer,
                          Serializer closureSerializer, BlockManager blockManager,
                          BlockTransfer blockTransfer, DriverEndpoints driver) {}
