package io.sluice.internal.rdd;

import io.sluice.internal.executor.TaskContextImpl;
import java.io.Serializable;
import java.util.Iterator;

/** What a job's result task does with its partition: count it, collect it, write it out, ... */
@FunctionalInterface
public interface TaskFunction<T, U> extends Serializable {
  U apply(TaskContextImpl context, Iterator<T> records) throws Exception;
}
