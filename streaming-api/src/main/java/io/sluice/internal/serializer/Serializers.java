package io.sluice.internal.serializer;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;

/**
 * Creates the serializers selected by {@code sluice.serializer} ({@code kryo}, the default, or
 * {@code java}). Each call builds a new serializer; create one of each per context or executor and
 * share it, as every serializer is thread-safe.
 */
public final class Serializers {
  private Serializers() {}

  /**
   * The serializer for records: shuffle data, stored blocks and results. With Kryo, record classes
   * need not implement Serializable; {@code sluice.kryo.registrationRequired} and
   * {@code sluice.kryo.classesToRegister} apply.
   *
   * @throws SluiceException when the configuration is invalid (unknown serializer, unloadable class to register)
   */
  public static Serializer forData(SluiceConf conf) {
    return create(conf, SerializerRole.DATA);
  }

  /**
   * The serializer for tasks and user functions. Strict with either implementation: serializing a
   * graph that reaches an object whose class is not Serializable (JDK types Kryo handles, such as
   * {@code Optional}, excepted) throws a {@link SluiceException} reading "Task not serializable:
   * <class> does not implement java.io.Serializable", followed with Kryo by the path to the object.
   * Kryo registration is never required here.
   *
   * @throws SluiceException when the configuration is invalid (unknown serializer, unloadable class to register)
   */
  public static Serializer forClosures(SluiceConf conf) {
    return create(conf, SerializerRole.CLOSURE);
  }

  private static Serializer create(SluiceConf conf, SerializerRole role) {
    String name = SluiceOptions.SERIALIZER.get(conf);
    switch (name) {
      case "kryo":
        return new KryoSerializer(conf, role);
      case "java":
        return new JdkSerializer(role);
      default:
        throw new SluiceException("Unknown serializer '" + name + "' in " + SluiceOptions.SERIALIZER.key()
            + ": expected kryo or java");
    }
  }
}
