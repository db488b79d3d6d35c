package io.sluice.internal.io;

import io.sluice.core.Partition;
import io.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.serializer.Deserializer;
import org.apache.hadoop.io.serializer.SerializationFactory;
import org.apache.hadoop.io.serializer.Serializer;
import org.apache.hadoop.mapreduce.InputSplit;

/**
 * A partition of a {@link NewHadoopRDD}: one Hadoop {@link InputSplit}. Splits are Writables (or
 * use another Hadoop serialization), not Java-serializable, so the split travels as the bytes
 * Hadoop's own serialization wrote, the way MapReduce ships splits to its tasks.
 *
 * @param description the split's {@code toString()} (e.g. {@code file:/in/a.txt:0+1024}), for error messages
 */
record HadoopSplitPartition(int index, String splitClass, byte[] splitBytes, String description)
    implements Partition {

  static HadoopSplitPartition of(int index, InputSplit split, Configuration conf) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      @SuppressWarnings("unchecked")
      Serializer<InputSplit> serializer = new SerializationFactory(conf)
          .getSerializer((Class<InputSplit>) split.getClass());
      if (serializer == null) {
        throw new SluiceException("Input split class " + split.getClass().getName()
            + " has no Hadoop serialization (it should implement org.apache.hadoop.io.Writable)");
      }
      serializer.open(bytes);
      serializer.serialize(split);
      serializer.close();
      return new HadoopSplitPartition(index, split.getClass().getName(), bytes.toByteArray(), split.toString());
    } catch (IOException e) {
      throw new SluiceException("Cannot serialize input split " + split + ": " + e.getMessage(), e);
    }
  }

  /** The split, rebuilt on the executor. */
  InputSplit split(Configuration conf) {
    try {
      @SuppressWarnings("unchecked")
      Class<InputSplit> type = (Class<InputSplit>) conf.getClassByName(splitClass);
      Deserializer<InputSplit> deserializer = new SerializationFactory(conf).getDeserializer(type);
      if (deserializer == null) {
        throw new SluiceException("Input split class " + splitClass + " has no Hadoop serialization");
      }
      deserializer.open(new ByteArrayInputStream(splitBytes));
      InputSplit split = deserializer.deserialize(null);
      deserializer.close();
      return split;
    } catch (IOException | ClassNotFoundException e) {
      throw new SluiceException("Cannot read input split " + description + " (" + splitClass + "): "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "HadoopSplitPartition[" + index + ": " + description + "]";
  }
}
