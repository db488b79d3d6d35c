package io.sluice.internal.serializer;

import static io.sluice.internal.serializer.Fixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Fixtures.Pojo;
import io.sluice.internal.serializer.KryoSerializerTest.RecordingClassLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdkSerializerTest {
  private final Serializer data = Serializers.forData(Fixtures.conf("java"));

  @Test
  void dataSerializerRejectsNonSerializableClassesByName() {
    Tuple2<String, Pojo> record = new Tuple2<>("k", new Pojo("p", 1, null));
    SluiceException e = assertThrows(SluiceException.class, () -> data.serialize(record));
    assertEquals("Could not serialize data: " + Pojo.class.getName() + " does not implement java.io.Serializable",
        e.getMessage());
  }

  @Test
  void corruptBytesFailWithSluiceException() {
    SluiceException garbage = assertThrows(SluiceException.class, () -> data.deserialize(new byte[] {1, 2, 3, 4, 5}));
    assertTrue(garbage.getMessage().startsWith("Could not deserialize 5 bytes"), garbage.getMessage());
    byte[] good = data.serialize(new Tuple2<>("a long enough string value", List.of(1, 2, 3)));
    assertThrows(SluiceException.class, () -> data.deserialize(Arrays.copyOf(good, good.length - 3)));
    assertThrows(SluiceException.class, () -> data.deserialize(new byte[0]));
  }

  @Test
  void unknownClassOnReadIsNamed() {
    byte[] bytes = data.serialize(new Fixtures.Person("x", 1, null));
    byte[] renamed = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("Fixtures$Person", "Fixtures$Persom").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    SluiceException e = assertThrows(SluiceException.class, () -> data.deserialize(renamed));
    assertTrue(e.getMessage().contains("Fixtures$Persom"), e.getMessage());
  }

  @Test
  void classesAreResolvedWithTheContextClassLoader() {
    byte[] bytes = data.serialize(new Fixtures.Person("x", 1, null));
    RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      assertEquals(new Fixtures.Person("x", 1, null), data.deserialize(bytes));
    } finally {
      thread.setContextClassLoader(previous);
    }
    assertTrue(loader.requested.contains(Fixtures.Person.class.getName()), loader.requested.toString());
  }

  @Test
  void dataAndClosureRolesReadEachOthersBytes() {
    Serializer closures = Serializers.forClosures(Fixtures.conf("java"));
    assertEquals(new Tuple2<>("a", 1), closures.deserialize(data.serialize(new Tuple2<>("a", 1))));
    assertEquals(List.of(2), roundTrip(closures, List.of(2)));
  }
}
