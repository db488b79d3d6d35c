package io.sluice.internal.shuffle;

import java.io.Serializable;

/** Where a map task left its shuffle output and how many bytes each reduce partition's bucket holds. */
public record MapStatus(String executorId, long[] bucketSizes) implements Serializable {}
