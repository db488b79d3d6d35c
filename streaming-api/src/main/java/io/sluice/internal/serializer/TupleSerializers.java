package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.sluice.api.Tuple2;
import io.sluice.api.Tuple3;

/**
 * Hand-written serializers for the tuples that make up most shuffle records. Kryo's generic record
 * serializer reflects on every read and write, which is several times slower on this path.
 */
final class TupleSerializers {
  private TupleSerializers() {}

  static final class Tuple2Serializer extends Serializer<Tuple2<?, ?>> {
    Tuple2Serializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Tuple2<?, ?> tuple) {
      kryo.writeClassAndObject(output, tuple._1());
      kryo.writeClassAndObject(output, tuple._2());
    }

    @Override
    public Tuple2<?, ?> read(Kryo kryo, Input input, Class<? extends Tuple2<?, ?>> type) {
      Object first = kryo.readClassAndObject(input);
      return new Tuple2<>(first, kryo.readClassAndObject(input));
    }
  }

  static final class Tuple3Serializer extends Serializer<Tuple3<?, ?, ?>> {
    Tuple3Serializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Tuple3<?, ?, ?> tuple) {
      kryo.writeClassAndObject(output, tuple._1());
      kryo.writeClassAndObject(output, tuple._2());
      kryo.writeClassAndObject(output, tuple._3());
    }

    @Override
    public Tuple3<?, ?, ?> read(Kryo kryo, Input input, Class<? extends Tuple3<?, ?, ?>> type) {
      Object first = kryo.readClassAndObject(input);
      Object second = kryo.readClassAndObject(input);
      return new Tuple3<>(first, second, kryo.readClassAndObject(input));
    }
  }
}
