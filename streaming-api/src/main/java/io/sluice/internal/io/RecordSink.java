package io.sluice.internal.io;

import io.sluice.internal.executor.TaskContextImpl;
import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.hadoop.mapreduce.RecordWriter;

/** How one partition's records become key-value pairs of an OutputFormat; shipped with each write task. */
@FunctionalInterface
interface RecordSink<T> extends Serializable {
  /** Writes every record and returns how many key-value pairs were written. */
  long write(Iterator<T> records, RecordWriter<Object, Object> out, TaskContextImpl context)
      throws IOException, InterruptedException;
}
