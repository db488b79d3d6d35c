package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import java.util.Arrays;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds identically configured Kryo instances. Registration numbers depend only on the
 * configuration, so every JVM of an application reads what any other wrote.
 */
final class KryoFactory {
  private static final Logger LOG = LoggerFactory.getLogger(KryoFactory.class);

  private final SerializerRole role;
  private final boolean registrationRequired;
  private final List<String> userClassNames;

  KryoFactory(SluiceConf conf, SerializerRole role) {
    this.role = role;
    // Closures are built from the user's anonymous classes and lambdas; requiring each to be
    // registered would make registrationRequired unusable, so (as in Spark) it governs data only.
    this.registrationRequired = role == SerializerRole.DATA && SluiceOptions.KRYO_REGISTRATION_REQUIRED.get(conf);
    this.userClassNames = Arrays.stream(SluiceOptions.KRYO_CLASSES_TO_REGISTER.get(conf).split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .toList();
  }

  /** @throws SluiceException when a class named in sluice.kryo.classesToRegister cannot be loaded */
  SluiceKryo create(ClassLoader loader) {
    SluiceKryo kryo = role == SerializerRole.CLOSURE ? new StrictKryo() : new SluiceKryo();
    kryo.setClassLoader(loader);
    kryo.setReferences(true);
    kryo.setRegistrationRequired(registrationRequired);
    kryo.setWarnUnregisteredClasses(false);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.setDefaultSerializer(new SluiceSerializerFactory());
    KryoRegistrations.registerCommonClasses(kryo);
    for (String name : userClassNames) {
      kryo.register(loadUserClass(name, loader));
    }
    LOG.debug("Created a Kryo instance for {} ({} user classes registered, registrationRequired={})",
        role, userClassNames.size(), registrationRequired);
    return kryo;
  }

  private static Class<?> loadUserClass(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SluiceException("Cannot register class " + name + " listed in "
          + SluiceOptions.KRYO_CLASSES_TO_REGISTER.key() + ": class not found (" + e + ")", e);
    }
  }
}
