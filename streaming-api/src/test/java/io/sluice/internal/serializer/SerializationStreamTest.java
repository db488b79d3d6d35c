package io.sluice.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.Tuple2;
import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.Fixtures.Named;
import io.sluice.internal.serializer.Fixtures.Pojo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Many objects back to back, as the shuffle and the block store write them. */
class SerializationStreamTest {
  static List<Named> serializers() {
    return Fixtures.allSerializers();
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void hundredThousandTuplesRoundTripInOrder(Named s) {
    int count = 100_000;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SerializationStream out = s.serializer().serializeStream(bytes)) {
      for (int i = 0; i < count; i++) {
        out.writeObject(new Tuple2<>("key-" + (i % 1000), i));
      }
    }
    int read = 0;
    try (DeserializationStream in = s.serializer().deserializeStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Iterator<Tuple2<String, Integer>> it = in.asIterator();
      while (it.hasNext()) {
        Tuple2<String, Integer> t = it.next();
        assertEquals("key-" + (read % 1000), t._1());
        assertEquals(read, t._2());
        read++;
      }
    }
    assertEquals(count, read);
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void mixedValuesNullsAndSharedInstancesAcrossResets(Named s) {
    List<String> shared = List.of("shared");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SerializationStream out = s.serializer().serializeStream(bytes)) {
      out.writeObject("a").writeObject(null).writeObject(Optional.of(1)).writeObject(List.of(1, 2));
      // Spans several Java handle-table resets.
      for (int i = 0; i < 2500; i++) {
        out.writeObject(new Tuple2<>(i, shared));
      }
      out.flush();
    }
    Iterator<Object> it = s.serializer().deserializeStream(new ByteArrayInputStream(bytes.toByteArray())).asIterator();
    assertEquals("a", it.next());
    assertTrue(it.hasNext());
    assertNull(it.next());
    assertEquals(Optional.of(1), it.next());
    assertEquals(List.of(1, 2), it.next());
    for (int i = 0; i < 2500; i++) {
      assertEquals(new Tuple2<>(i, shared), it.next());
    }
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  /** Kryo forgets references after every object, so a reused, mutated instance is written as it is now. */
  @Test
  void kryoWritesAReusedMutableObjectWithItsCurrentState() {
    Serializer kryo = Serializers.forData(Fixtures.conf("kryo"));
    List<String> reused = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SerializationStream out = kryo.serializeStream(bytes)) {
      for (int i = 0; i < 3; i++) {
        reused.clear();
        reused.add("v" + i);
        out.writeObject(new Tuple2<>(i, reused));
      }
    }
    Iterator<Tuple2<Integer, List<String>>> it =
        kryo.deserializeStream(new ByteArrayInputStream(bytes.toByteArray())).asIterator();
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of("v" + i), it.next()._2());
    }
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void emptyStreams(Named s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.serializer().serializeStream(bytes).close();
    assertFalse(s.serializer().deserializeStream(new ByteArrayInputStream(bytes.toByteArray())).asIterator().hasNext());
    assertFalse(s.serializer().deserializeStream(new ByteArrayInputStream(new byte[0])).asIterator().hasNext());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void readsLazilyAndClosesTheInputWhenExhausted(Named s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SerializationStream out = s.serializer().serializeStream(bytes)) {
      for (int i = 0; i < 3; i++) {
        out.writeObject(i);
      }
    }
    TrackingInput input = new TrackingInput(bytes.toByteArray());
    Iterator<Integer> it = s.serializer().deserializeStream(input).asIterator();
    assertFalse(input.closed);
    assertEquals(List.of(0, 1, 2), List.of(it.next(), it.next(), it.next()));
    assertFalse(it.hasNext());
    assertTrue(input.closed);
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void truncatedStreamFailsWithSluiceException(Named s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SerializationStream out = s.serializer().serializeStream(bytes)) {
      for (int i = 0; i < 100; i++) {
        out.writeObject(new Tuple2<>("a fairly long key " + i, List.of(i, i)));
      }
    }
    byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 5);
    Iterator<Object> it = s.serializer().deserializeStream(new ByteArrayInputStream(truncated)).asIterator();
    SluiceException e = assertThrows(SluiceException.class, () -> {
      while (it.hasNext()) {
        it.next();
      }
    });
    assertTrue(e.getMessage().startsWith("Could not deserialize object 99 of a stream"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void failedWriteNamesTheClassAndPoisonsOnlyThatStream(Named s) {
    boolean lenient = s.name().equals("kryo data");
    java.util.function.Supplier<String> notSerializable = () -> "x";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationStream out = s.serializer().serializeStream(bytes);
    Object bad = lenient ? notSerializable : new Pojo("p", 1, null);
    SluiceException e = assertThrows(SluiceException.class, () -> out.writeObject(bad));
    assertTrue(e.getMessage().contains(bad.getClass().getName()), e.getMessage());
    SluiceException after = assertThrows(SluiceException.class, () -> out.writeObject("fine"));
    assertTrue(after.getMessage().contains("unusable after a failed write"), after.getMessage());
    out.close();
    assertEquals("reusable", Fixtures.roundTrip(s.serializer(), "reusable"));
  }

  /** Counts whether close() reached the source. */
  private static final class TrackingInput extends ByteArrayInputStream {
    boolean closed;

    TrackingInput(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
