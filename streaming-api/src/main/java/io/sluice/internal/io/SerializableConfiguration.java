package io.sluice.internal.io;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * Ships a Hadoop {@link Configuration} (a Writable, not Serializable) with tasks. Every property,
 * defaults included, is written, so the executor sees exactly the driver's settings even when its
 * classpath holds different site files. Kryo uses this class's Java serialization hooks.
 */
public final class SerializableConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration value;

  /** Wraps {@code value} as it is; callers that go on changing their configuration should pass a copy. */
  public SerializableConfiguration(Configuration value) {
    this.value = value;
  }

  public Configuration value() {
    return value;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    value.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    // No default resources: the written properties already include the driver's defaults.
    value = new Configuration(false);
    value.readFields(in);
  }
}
