package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kryo instance with Sluice's class handling. Like every Kryo it is not thread-safe; instances
 * live in {@link KryoSerializer}'s pool.
 */
class SluiceKryo extends Kryo {
  private static final Logger LOG = LoggerFactory.getLogger(SluiceKryo.class);

  private final Serializer<Object> viewSerializer = new JdkViewSerializer();

  SluiceKryo() {
    super(new DefaultClassResolver(), new ValueTypeReferenceResolver());
  }

  // Kryo's built-in Collection and Map serializers would claim these and then fail to rebuild them.
  @SuppressWarnings("rawtypes") // the overridden Kryo method is declared with raw types
  @Override
  public Serializer getDefaultSerializer(Class type) {
    if (JdkViews.isView(type)) {
      return viewSerializer;
    }
    if (JdkTypes.isCollectionsWrapper(type)) {
      try {
        return new FieldSerializer<>(this, type);
      } catch (RuntimeException e) {
        // InaccessibleObjectException: the JVM lacks --add-opens java.base/java.util. The wrappers
        // are Serializable, so Java serialization still works as long as their elements are.
        LOG.debug("Using Java serialization for {}: {}", type.getName(), e.toString());
        return new JavaSerializer();
      }
    }
    return super.getDefaultSerializer(type);
  }
}
