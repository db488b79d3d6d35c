package io.sluice.internal.serializer;

import static io.sluice.internal.serializer.Fixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.serializer.Fixtures.Person;
import io.sluice.internal.serializer.Fixtures.Pojo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {
  private static SluiceConf kryoConf() {
    return Fixtures.conf("kryo");
  }

  @Test
  void dataSerializerAcceptsClassesThatAreNotSerializable() {
    Serializer data = Serializers.forData(kryoConf());
    Pojo pojo = new Pojo("name", 7, new ArrayList<>(List.of("a", "b")));
    assertEquals(pojo, roundTrip(data, pojo));
    Map<String, Pojo> map = new HashMap<>(Map.of("k", pojo));
    assertEquals(map, roundTrip(data, map));
  }

  /**
   * Written data names registered classes by number, so numbers must not move between builds: line
   * blocks, registered last, take a fixed number and the user's classes keep theirs.
   */
  @Test
  void userClassesKeepTheirRegistrationNumbersBesideLineBlocks() {
    SluiceConf conf = kryoConf().set(SluiceOptions.KRYO_CLASSES_TO_REGISTER.key(), Pojo.class.getName());
    SluiceKryo kryo = new KryoFactory(conf, SerializerRole.DATA).create(getClass().getClassLoader());
    int lastCommon = kryo.getRegistration(SluiceException.class).getId();
    assertEquals(lastCommon + 1, kryo.getRegistration(Pojo.class).getId());
    assertEquals(KryoRegistrations.LINE_BLOCK_ID,
        kryo.getRegistration(io.sluice.internal.storage.LineBlock.class).getId());
  }

  @Test
  void registrationRequiredRejectsAnUnregisteredClassByName() {
    SluiceConf conf = kryoConf().set(SluiceOptions.KRYO_REGISTRATION_REQUIRED.key(), "true");
    Serializer data = Serializers.forData(conf);
    assertEquals(new Tuple2<>("a", List.of(1L)), roundTrip(data, new Tuple2<>("a", new ArrayList<>(List.of(1L)))));
    SluiceException e = assertThrows(SluiceException.class,
        () -> data.serialize(new Tuple2<>("k", new Pojo("p", 1, null))));
    assertTrue(e.getMessage().contains(Pojo.class.getName() + " is not registered"), e.getMessage());
    assertTrue(e.getMessage().contains("sluice.kryo.classesToRegister"), e.getMessage());
  }

  @Test
  void registeredClassesPassWhenRegistrationIsRequired() {
    SluiceConf conf = kryoConf().set(SluiceOptions.KRYO_REGISTRATION_REQUIRED.key(), "true")
        .set(SluiceOptions.KRYO_CLASSES_TO_REGISTER.key(), Pojo.class.getName() + " , " + Person.class.getName());
    Serializer data = Serializers.forData(conf);
    Pojo pojo = new Pojo("p", 1, null);
    assertEquals(pojo, roundTrip(data, pojo));
    assertEquals(new Person("x", 1, List.of()), roundTrip(data, new Person("x", 1, List.of())));
  }

  @Test
  void closureSerializerIgnoresRegistrationRequired() {
    SluiceConf conf = kryoConf().set(SluiceOptions.KRYO_REGISTRATION_REQUIRED.key(), "true");
    Fixtures.AddN f = roundTrip(Serializers.forClosures(conf), new Fixtures.AddN(2));
    assertEquals(5, f.call(3));
  }

  @Test
  void unknownClassToRegisterFailsAtCreationNamingIt() {
    SluiceConf conf = kryoConf()
        .set(SluiceOptions.KRYO_CLASSES_TO_REGISTER.key(), "java.lang.String,com.example.Missing");
    SluiceException e = assertThrows(SluiceException.class, () -> Serializers.forData(conf));
    assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
    assertTrue(e.getMessage().contains("sluice.kryo.classesToRegister"), e.getMessage());
  }

  @Test
  void registrationIdsAreTheSameInEveryInstance() {
    SluiceConf conf = kryoConf().set(SluiceOptions.KRYO_CLASSES_TO_REGISTER.key(), Pojo.class.getName());
    Serializer writer = Serializers.forData(conf);
    Serializer reader = Serializers.forData(conf.copy());
    Object value = List.of(new Tuple2<>("a", 1), new Pojo("p", 2, List.of()), Map.of("k", 3L));
    byte[] bytes = writer.serialize(value);
    assertArrayEquals(bytes, reader.serialize(value));
    assertEquals(value, reader.deserialize(bytes));
  }

  @Test
  void commonClassesAreWrittenWithoutTheirNames() {
    byte[] bytes = Serializers.forData(kryoConf()).serialize(new Tuple2<>("word", 42));
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("Tuple2"), text);
    assertTrue(bytes.length <= 10, "Tuple2(\"word\", 42) took " + bytes.length + " bytes");
  }

  @Test
  void corruptBytesFailWithSluiceException() {
    Serializer data = Serializers.forData(kryoConf());
    SluiceException unknownId = assertThrows(SluiceException.class,
        () -> data.deserialize(new byte[] {(byte) 0xF0, (byte) 0xFF, 0x7F, 1, 2, 3}));
    assertTrue(unknownId.getMessage().startsWith("Could not deserialize 6 bytes"), unknownId.getMessage());
    byte[] good = data.serialize(new Tuple2<>("a long enough string value", List.of(1, 2, 3)));
    SluiceException truncated = assertThrows(SluiceException.class,
        () -> data.deserialize(Arrays.copyOf(good, good.length / 2)));
    assertTrue(truncated.getMessage().startsWith("Could not deserialize"), truncated.getMessage());
    assertThrows(SluiceException.class, () -> data.deserialize(new byte[0]));
    assertThrows(SluiceException.class, () -> data.deserialize(null));
    assertEquals("still fine", roundTrip(data, "still fine"));
  }

  @Test
  void unknownClassOnReadIsNamed() {
    Serializer data = Serializers.forData(kryoConf());
    byte[] bytes = data.serialize(new Pojo("p", 1, null));
    // Kryo flags the last character of an ASCII name, so change one in the middle.
    byte[] renamed = new String(bytes, StandardCharsets.ISO_8859_1)
        .replace("Fixtures$Poj", "Fixtures$Qoj").getBytes(StandardCharsets.ISO_8859_1);
    SluiceException e = assertThrows(SluiceException.class, () -> data.deserialize(renamed));
    assertTrue(e.getMessage().contains("Fixtures$Qoj"), e.getMessage());
  }

  @Test
  void concurrentCallsFromManyThreads() throws Exception {
    Serializer data = Serializers.forData(kryoConf());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 2000; i++) {
            Object value = new Tuple2<>("t" + thread, new Pojo("p" + i, i, List.of("x" + i)));
            if (value.equals(roundTrip(data, value))) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> result : results) {
        assertEquals(2000, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void classesAreResolvedWithTheContextClassLoader() {
    Serializer data = Serializers.forData(kryoConf());
    byte[] bytes = data.serialize(new Pojo("p", 1, null));
    RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      assertEquals(new Pojo("p", 1, null), data.deserialize(bytes));
    } finally {
      thread.setContextClassLoader(previous);
    }
    assertTrue(loader.requested.contains(Pojo.class.getName()), loader.requested.toString());
  }

  /** Delegates everything, remembering what it was asked for. */
  static final class RecordingClassLoader extends ClassLoader {
    final List<String> requested = new ArrayList<>();

    RecordingClassLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (requested) {
        requested.add(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
