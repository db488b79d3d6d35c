package io.sluice.internal.serializer;

import io.sluice.api.function.Function;
import io.sluice.core.SluiceConf;
import io.sluice.internal.config.SluiceOptions;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Classes and serializers shared by the serializer tests. */
final class Fixtures {
  private Fixtures() {}

  static SluiceConf conf(String serializer) {
    return new SluiceConf(false).set(SluiceOptions.SERIALIZER.key(), serializer);
  }

  /** The four serializers the engine can end up with. */
  static List<Named> allSerializers() {
    return List.of(
        new Named("kryo data", Serializers.forData(conf("kryo"))),
        new Named("kryo closures", Serializers.forClosures(conf("kryo"))),
        new Named("java data", Serializers.forData(conf("java"))),
        new Named("java closures", Serializers.forClosures(conf("java"))));
  }

  static List<Named> closureSerializers() {
    return List.of(
        new Named("kryo closures", Serializers.forClosures(conf("kryo"))),
        new Named("java closures", Serializers.forClosures(conf("java"))));
  }

  record Named(String name, Serializer serializer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static <T> T roundTrip(Serializer serializer, T value) {
    return serializer.deserialize(serializer.serialize(value));
  }

  /** Not Serializable, no no-arg constructor: what Kryo's data serializer must still accept. */
  static final class Pojo {
    final String name;
    final int count;
    final List<String> tags;

    Pojo(String name, int count, List<String> tags) {
      this.name = name;
      this.count = count;
      this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pojo p && p.name.equals(name) && p.count == count && Objects.equals(p.tags, tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, count, tags);
    }
  }

  /** Stands in for a class like Hadoop's Configuration: not Serializable, owned by someone else. */
  static final class ForeignConfig {
    final Map<String, String> values = new HashMap<>();

    ForeignConfig(String key, String value) {
      values.put(key, value);
    }
  }

  /** Ships a ForeignConfig by hand, as a Serializable wrapper around a Hadoop Configuration would. */
  static final class ConfigWrapper implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    transient ForeignConfig config;
    int writes;

    ConfigWrapper(ForeignConfig config) {
      this.config = config;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
      writes++;
      out.defaultWriteObject();
      out.writeObject(new HashMap<>(config.values));
    }

    @Serial
    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      Map<String, String> values = (Map<String, String>) in.readObject();
      config = new ForeignConfig("restored", "true");
      config.values.putAll(values);
    }
  }

  /** Must stay a singleton across serialization. */
  static final class Singleton implements Serializable {
    static final Singleton INSTANCE = new Singleton();
    @Serial
    private static final long serialVersionUID = 1L;

    private Singleton() {}

    @Serial
    private Object readResolve() {
      return INSTANCE;
    }
  }

  /** Replaced by a different object on the wire. */
  static final class Replaced implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    final String value;

    Replaced(String value) {
      this.value = value;
    }

    @Serial
    private Object writeReplace() {
      return new Replacement(value.toUpperCase());
    }
  }

  record Replacement(String value) implements Serializable {}

  /** A graph node; cycles through it must survive. */
  static final class Node implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    final String name;
    Node next;
    final List<Node> children = new ArrayList<>();

    Node(String name) {
      this.name = name;
    }
  }

  enum Color { RED, GREEN }

  enum Op {
    PLUS { @Override int apply(int a, int b) { return a + b; } },
    TIMES { @Override int apply(int a, int b) { return a * b; } };

    abstract int apply(int a, int b);
  }

  record Person(String name, Integer age, List<String> nicknames) implements Serializable {}

  static final class UserException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;
    final int code;

    UserException(String message, int code, Throwable cause) {
      super(message, cause);
      this.code = code;
    }
  }

  static final class AddN implements Function<Integer, Integer> {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int n;

    AddN(int n) {
      this.n = n;
    }

    @Override
    public Integer call(Integer x) {
      return x + n;
    }
  }

  static final class Descending implements Comparator<String>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(String a, String b) {
      return b.compareTo(a);
    }
  }

  /** Serializable; its lambdas capture {@code this}. */
  static final class SerializableHolder implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    final String prefix;

    SerializableHolder(String prefix) {
      this.prefix = prefix;
    }

    Function<String, String> prepender() {
      return s -> prefix + s;
    }
  }

  /** Not Serializable; a lambda capturing {@code this} cannot be shipped. */
  static final class NotSerializableHolder {
    final String prefix = "p-";

    @SuppressWarnings("serial") // the lambda reads a field of this non-serializable holder, on purpose
    Function<String, String> prepender() {
      return s -> prefix + s;
    }
  }

  /** Serializable, but holds a field that is not: the closure serializer must name the field's class. */
  static final class HolderOfForeign implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    final ForeignConfig config = new ForeignConfig("k", "v");
  }

  static String upper(String s) {
    return s.toUpperCase();
  }
}
