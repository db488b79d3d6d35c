package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;

/**
 * Kryo's lambda serializer, plus a trace entry naming the lambda when one of its captured values
 * cannot be written; without it the "Serialization trace" stops short of the user's lambda.
 */
final class TracingClosureSerializer extends ClosureSerializer {
  @Override
  public void write(Kryo kryo, Output output, Object closure) {
    try {
      super.write(kryo, output, closure);
    } catch (KryoException e) {
      e.addTrace("captured by lambda (" + closure.getClass().getName() + ")");
      throw e;
    }
  }
}
