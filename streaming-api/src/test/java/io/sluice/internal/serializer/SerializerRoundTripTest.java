package io.sluice.internal.serializer;

import static io.sluice.internal.serializer.Fixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.api.Tuple3;
import io.sluice.internal.serializer.Fixtures.Color;
import io.sluice.internal.serializer.Fixtures.ConfigWrapper;
import io.sluice.internal.serializer.Fixtures.ForeignConfig;
import io.sluice.internal.serializer.Fixtures.Named;
import io.sluice.internal.serializer.Fixtures.Node;
import io.sluice.internal.serializer.Fixtures.Op;
import io.sluice.internal.serializer.Fixtures.Person;
import io.sluice.internal.serializer.Fixtures.Replaced;
import io.sluice.internal.serializer.Fixtures.Replacement;
import io.sluice.internal.serializer.Fixtures.Singleton;
import io.sluice.internal.serializer.Fixtures.UserException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Values every serializer (Kryo and Java, data and closure role) must carry unchanged. */
class SerializerRoundTripTest {
  static List<Named> serializers() {
    return Fixtures.allSerializers();
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void scalarsAndNull(Named s) {
    for (Object value : new Object[] {null, 1, -7L, 2.5d, 1.5f, (short) 3, (byte) 4, 'x', true, "", "héllo ✓"}) {
      assertEquals(value, roundTrip(s.serializer(), value));
    }
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void arrays(Named s) {
    assertArrayEquals(new int[] {1, 2, 3}, roundTrip(s.serializer(), new int[] {1, 2, 3}));
    assertArrayEquals(new byte[] {9, 8}, roundTrip(s.serializer(), new byte[] {9, 8}));
    assertArrayEquals(new String[] {"a", null}, roundTrip(s.serializer(), new String[] {"a", null}));
    Object[] nested = {1, "two", new long[] {3L}, null};
    Object[] back = roundTrip(s.serializer(), nested);
    assertEquals(1, back[0]);
    assertArrayEquals(new long[] {3L}, (long[]) back[2]);
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void tuplesAndRecordsIncludingNullFields(Named s) {
    assertEquals(new Tuple2<>("a", 1), roundTrip(s.serializer(), new Tuple2<>("a", 1)));
    assertEquals(new Tuple2<>(null, null), roundTrip(s.serializer(), new Tuple2<>(null, null)));
    assertEquals(new Tuple3<>("a", 2L, null), roundTrip(s.serializer(), new Tuple3<>("a", 2L, null)));
    Tuple2<String, Tuple2<Integer, List<String>>> nested = new Tuple2<>("k", new Tuple2<>(3, List.of("x")));
    assertEquals(nested, roundTrip(s.serializer(), nested));
    assertEquals(new Person("ann", 41, List.of("a")), roundTrip(s.serializer(), new Person("ann", 41, List.of("a"))));
    assertEquals(new Person(null, null, null), roundTrip(s.serializer(), new Person(null, null, null)));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void optionals(Named s) {
    assertEquals(Optional.empty(), roundTrip(s.serializer(), Optional.empty()));
    assertEquals(Optional.of("x"), roundTrip(s.serializer(), Optional.of("x")));
    assertEquals(Optional.of(List.of(1, 2)), roundTrip(s.serializer(), Optional.of(List.of(1, 2))));
    Tuple2<String, Optional<Integer>> pair = new Tuple2<>("k", Optional.of(5));
    assertEquals(pair, roundTrip(s.serializer(), pair));
    List<Optional<String>> list = new ArrayList<>(List.of(Optional.empty(), Optional.of("y")));
    assertEquals(list, roundTrip(s.serializer(), list));
    assertEquals(new WithOptional(Optional.of(3)), roundTrip(s.serializer(), new WithOptional(Optional.of(3))));
    assertEquals(new WithOptional(Optional.empty()), roundTrip(s.serializer(), new WithOptional(Optional.empty())));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void customJavaSerializationRuns(Named s) {
    ConfigWrapper wrapper = new ConfigWrapper(new ForeignConfig("fs.defaultFS", "hdfs://nn:8020"));
    ConfigWrapper back = roundTrip(s.serializer(), wrapper);
    assertEquals("hdfs://nn:8020", back.config.values.get("fs.defaultFS"));
    assertEquals("true", back.config.values.get("restored"));
    assertSame(Singleton.INSTANCE, roundTrip(s.serializer(), Singleton.INSTANCE));
    assertEquals(new Replacement("ABC"), roundTrip(s.serializer(), new Replaced("abc")));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void jdkValueTypes(Named s) {
    List<Object> values = List.of(Color.GREEN, Op.TIMES, URI.create("hdfs://nn:8020/a?b=c"), UUID.randomUUID(),
        new BigDecimal("12345678901234567890.000123"), new BigInteger("-98765432109876543210"),
        Instant.ofEpochSecond(1_700_000_000L, 123), Duration.ofMillis(1500), LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 1, 1, 12, 30));
    for (Object value : values) {
      assertEquals(value, roundTrip(s.serializer(), value), value.getClass().getName());
    }
    assertSame(Op.TIMES, roundTrip(s.serializer(), Op.TIMES));
    assertEquals(6, roundTrip(s.serializer(), Op.TIMES).apply(2, 3));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void exceptionsKeepMessageCauseAndStackTrace(Named s) {
    IllegalStateException cause = new IllegalStateException("root cause");
    UserException error = new UserException("task failed", 42, cause);
    UserException back = roundTrip(s.serializer(), error);
    assertEquals("task failed", back.getMessage());
    assertEquals(42, back.code);
    assertInstanceOf(IllegalStateException.class, back.getCause());
    assertEquals("root cause", back.getCause().getMessage());
    assertArrayEquals(error.getStackTrace(), back.getStackTrace());
    assertTrue(back.getStackTrace().length > 0);
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void cyclicGraphsKeepIdentity(Named s) {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    a.children.add(a);
    a.children.add(b);
    Node back = roundTrip(s.serializer(), a);
    assertEquals("b", back.next.name);
    assertSame(back, back.next.next);
    assertSame(back, back.children.get(0));
    assertSame(back.next, back.children.get(1));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void sharedReferencesStayShared(Named s) {
    List<String> shared = new ArrayList<>(List.of("x"));
    List<List<String>> outer = new ArrayList<>(List.of(shared, shared));
    List<List<String>> back = roundTrip(s.serializer(), outer);
    assertSame(back.get(0), back.get(1));
    Map<String, Object> map = roundTrip(s.serializer(), Map.of("a", shared, "b", shared));
    assertSame(map.get("a"), map.get("b"));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void largeValuesAfterSmallOnes(Named s) {
    assertEquals("small", roundTrip(s.serializer(), "small"));
    byte[] big = new byte[3 << 20];
    big[big.length - 1] = 7;
    assertArrayEquals(big, roundTrip(s.serializer(), big));
    assertEquals("small again", roundTrip(s.serializer(), "small again"));
  }

  record WithOptional(Optional<Integer> value) implements java.io.Serializable {}

  @ParameterizedTest
  @MethodSource("serializers")
  void nullResultOfDeserializeIsNull(Named s) {
    assertNull(roundTrip(s.serializer(), null));
  }
}
