package io.sluice.internal.io;

import io.sluice.api.Tuple2;
import io.sluice.core.Partition;
import io.sluice.core.RDD;
import io.sluice.core.TaskContext;
import io.sluice.internal.access.Internals;
import io.sluice.internal.executor.TaskContextImpl;
import io.sluice.internal.serializer.Serializer;
import io.sluice.internal.util.Iterators;
import java.io.ByteArrayInputStream;
import java.util.Iterator;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;

/**
 * The records of object files written by {@link FileOutputs#saveAsObjectFile}: each SequenceFile
 * value is a chunk of records in the data serializer's stream format, read back with the
 * serializer of the executor that runs the task.
 */
final class ObjectFileRDD<T> extends RDD<T> {
  private static final long serialVersionUID = 1L;
  ObjectFileRDD(RDD<Tuple2<NullWritable, BytesWritable>> chunks) {
    super(chunks);
  }

  // Through parent(0), not a field, so a checkpointed ObjectFileRDD lets go of its lineage.
  private RDD<Tuple2<NullWritable, BytesWritable>> chunks() {
    return parent(0);
  }

  @Override
  protected Partition[] computePartitions() {
    return Internals.rdd().partitions(chunks());
  }

  @Override
  protected Iterator<T> compute(Partition split, TaskContext task) throws Exception {
    TaskContextImpl context = (TaskContextImpl) task;
    Serializer serializer = context.env().dataSerializer();
    // The reader reuses its BytesWritable, so each chunk's bytes are copied before being read lazily.
    return Iterators.flatMap(Internals.rdd().iterator(chunks(), split, context),
        kv -> serializer.deserializeStream(new ByteArrayInputStream(kv._2().copyBytes())).<T>asIterator());
  }
}
