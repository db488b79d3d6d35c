package io.sluice.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.function.Function;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Fixtures.ForeignConfig;
import io.sluice.internal.serializer.Fixtures.HolderOfForeign;
import io.sluice.internal.serializer.Fixtures.Named;
import io.sluice.internal.serializer.Fixtures.NotSerializableHolder;
import io.sluice.internal.serializer.Fixtures.Pojo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The closure serializer rejects what Java serialization would reject, naming the class. */
class ClosureStrictnessTest {
  static List<Named> serializers() {
    return Fixtures.closureSerializers();
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void lambdaCapturingANonSerializableObjectNamesItsClass(Named s) {
    Function<String, String> f = capturing(new ForeignConfig("a", "b"));
    SluiceException e = assertThrows(SluiceException.class, () -> s.serializer().serialize(f));
    assertTrue(e.getMessage().startsWith("Task not serializable: " + ForeignConfig.class.getName()
        + " does not implement java.io.Serializable"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void nonSerializableFieldDeepInTheGraphIsNamed(Named s) {
    Function<String, Integer> f = capturing(List.of(new HolderOfForeign()));
    SluiceException e = assertThrows(SluiceException.class, () -> s.serializer().serialize(f));
    assertTrue(e.getMessage().contains(ForeignConfig.class.getName()), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void lambdaCapturingThisOfANonSerializableClassNamesThatClass(Named s) {
    Function<String, String> f = new NotSerializableHolder().prepender();
    SluiceException e = assertThrows(SluiceException.class, () -> s.serializer().serialize(f));
    assertTrue(e.getMessage().contains(NotSerializableHolder.class.getName()), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void anonymousClassWithNonSerializableCapturedValue(Named s) {
    Function<String, Integer> f = anonymousCapturing(new Pojo("p", 1, null));
    SluiceException e = assertThrows(SluiceException.class, () -> s.serializer().serialize(f));
    assertTrue(e.getMessage().contains(Pojo.class.getName()), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void nonSerializableLambdaIsNamed(Named s) {
    java.util.function.Function<String, String> plain = String::trim;
    List<Object> graph = new ArrayList<>(List.of(plain));
    SluiceException e = assertThrows(SluiceException.class, () -> s.serializer().serialize(graph));
    assertTrue(e.getMessage().contains(ClosureStrictnessTest.class.getName() + "$$Lambda"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void nonSerializableTopLevelObject(Named s) {
    SluiceException e = assertThrows(SluiceException.class, () -> s.serializer().serialize(new Pojo("p", 1, null)));
    String expected = Pojo.class.getName() + " does not implement java.io.Serializable";
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void optionalAndClassValuesAreAccepted(Named s) throws Exception {
    Function<String, String> f = capturing(Optional.of(Map.of("k", Optional.empty())));
    s.serializer().serialize(f);
    Function<String, String> g = capturing(ForeignConfig.class);
    Function<String, String> back = s.serializer().deserialize(s.serializer().serialize(g));
    assertEquals(ForeignConfig.class.toString(), back.call("x"));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void serializerStaysUsableAfterAFailure(Named s) {
    assertThrows(SluiceException.class, () -> s.serializer().serialize(capturing(new ForeignConfig("a", "b"))));
    assertEquals("ok", Fixtures.roundTrip(s.serializer(), "ok"));
  }

  @Test
  void kryoReportsThePathToTheOffendingObject() {
    Serializer kryo = Serializers.forClosures(Fixtures.conf("kryo"));
    Function<String, Integer> f = capturing(new HolderOfForeign());
    SluiceException e = assertThrows(SluiceException.class, () -> kryo.serialize(f));
    assertTrue(e.getMessage().contains("Serialization trace:"), e.getMessage());
    assertTrue(e.getMessage().contains("config (" + HolderOfForeign.class.getName() + ")"), e.getMessage());
    assertTrue(e.getMessage().contains("captured by lambda (" + ClosureStrictnessTest.class.getName()), e.getMessage());
  }

  @Test
  void kryoDataSerializerAcceptsWhatTheClosureSerializerRejects() {
    Serializer data = Serializers.forData(Fixtures.conf("kryo"));
    Pojo pojo = new Pojo("p", 3, List.of("t"));
    assertEquals(pojo, Fixtures.roundTrip(data, pojo));
  }

  private static <T> Function<String, T> capturing(Object captured) {
    return s -> {
      @SuppressWarnings("unchecked")
      T result = (T) captured.toString();
      return result;
    };
  }

  private static Function<String, Integer> anonymousCapturing(Pojo pojo) {
    return new Function<>() {
      @Override
      public Integer call(String s) {
        return pojo.count;
      }
    };
  }
}
