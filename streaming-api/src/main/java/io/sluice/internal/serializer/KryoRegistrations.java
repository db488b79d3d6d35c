package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import io.sluice.api.Tuple2;
import io.sluice.api.Tuple3;
import io.sluice.core.SluiceException;
import io.sluice.internal.storage.LineBlock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The classes every Sluice Kryo registers, so that they are written as a small number instead of
 * their name. A registration's number is its position, and writer and reader must agree on it in
 * every JVM: only ever append to {@link #COMMON_CLASSES}, never reorder or remove.
 */
final class KryoRegistrations {
  private static final List<Class<?>> COMMON_CLASSES = List.copyOf(new LinkedHashSet<>(Arrays.asList(
      byte[].class, int[].class, long[].class, double[].class, float[].class, short[].class, char[].class,
      boolean[].class, String[].class, Object[].class,
      ArrayList.class, LinkedList.class, ArrayDeque.class, PriorityQueue.class,
      HashMap.class, LinkedHashMap.class, TreeMap.class, HashSet.class, LinkedHashSet.class, TreeSet.class,
      Arrays.asList().getClass(),
      Collections.emptyList().getClass(), Collections.emptySet().getClass(), Collections.emptyMap().getClass(),
      Collections.singletonList(0).getClass(), Collections.singleton(0).getClass(),
      Collections.singletonMap(0, 0).getClass(),
      List.of().getClass(), List.of(0).getClass(), Set.of().getClass(), Set.of(0).getClass(),
      Map.of().getClass(), Map.of(0, 0).getClass(),
      Collections.unmodifiableList(new ArrayList<>()).getClass(),
      Collections.unmodifiableList(new LinkedList<>()).getClass(),
      Collections.unmodifiableSet(new HashSet<>()).getClass(),
      Collections.unmodifiableMap(new HashMap<>()).getClass(),
      Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
      Collections.synchronizedList(new ArrayList<>()).getClass(),
      Collections.synchronizedMap(new HashMap<>()).getClass(),
      Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class,
      BigInteger.class, BigDecimal.class, UUID.class, URI.class, Date.class,
      Instant.class, Duration.class, Period.class, LocalDate.class, LocalTime.class, LocalDateTime.class,
      ZonedDateTime.class, OffsetDateTime.class,
      SluiceException.class)));

  static final int LINE_BLOCK_ID = 1000;

  // Stateless, so one instance serves every Kryo; Kryo's constructor also logs a warning each time
  // it is built in a JVM without --add-opens java.base/java.lang.invoke.
  private static final TracingClosureSerializer CLOSURES = new TracingClosureSerializer();

  private KryoRegistrations() {}

  static void registerCommonClasses(Kryo kryo) {
    // JDK types whose Kryo serializer exists but is not a Kryo default: without these they would be
    // copied field by field, which is slower and needs --add-opens into java.base.
    kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    kryo.addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
    kryo.addDefaultSerializer(Pattern.class, new DefaultSerializers.PatternSerializer());
    kryo.addDefaultSerializer(AtomicBoolean.class, new DefaultSerializers.AtomicBooleanSerializer());
    kryo.addDefaultSerializer(AtomicInteger.class, new DefaultSerializers.AtomicIntegerSerializer());
    kryo.addDefaultSerializer(AtomicLong.class, new DefaultSerializers.AtomicLongSerializer());
    kryo.addDefaultSerializer(AtomicReference.class, new DefaultSerializers.AtomicReferenceSerializer());
    kryo.register(Tuple2.class, new TupleSerializers.Tuple2Serializer());
    kryo.register(Tuple3.class, new TupleSerializers.Tuple3Serializer());
    kryo.register(ClosureSerializer.Closure.class, CLOSURES);
    for (Class<?> type : COMMON_CLASSES) {
      kryo.register(type);
    }
    // A fixed number well above the others: the common classes and user classes registered after
    // them (sluice.kryo.classesToRegister) keep the numbers they had before line blocks existed.
    kryo.register(LineBlock.class, new LineBlockSerializer(), LINE_BLOCK_ID);
  }
}
