package io.sluice.internal.rdd;

import io.sluice.core.RDD;
import java.io.Serializable;

/** How an RDD's partitions derive from those of one parent. */
public interface Dependency extends Serializable {
  RDD<?> rdd();
}
