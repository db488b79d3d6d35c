package io.sluice.internal.serializer;

import static io.sluice.internal.serializer.Fixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.internal.serializer.Fixtures.Descending;
import io.sluice.internal.serializer.Fixtures.Named;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JDK collections, including immutable ones, wrappers and views, through every serializer. */
class CollectionsRoundTripTest {
  static List<Named> serializers() {
    return Fixtures.allSerializers();
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void mutableCollectionsKeepTheirClassAndOrder(Named s) {
    List<Object> values = List.of(
        new ArrayList<>(List.of(3, 1, 2)), new LinkedList<>(List.of("a", "b")),
        new HashMap<>(Map.of("a", 1, "b", 2)), linkedMap(), new HashSet<>(Set.of(1, 2, 3)),
        new LinkedHashSet<>(List.of("z", "a", "m")), new TreeMap<>(Map.of("b", 2, "a", 1)),
        new TreeSet<>(List.of(5, 1, 3)));
    for (Object value : values) {
      Object back = roundTrip(s.serializer(), value);
      assertEquals(value.getClass(), back.getClass());
      assertEquals(value, back);
      assertEquals(new ArrayList<>(iterable(value)), new ArrayList<>(iterable(back)), "order of " + value.getClass());
    }
    ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(1, 2, 3));
    assertEquals(List.of(1, 2, 3), new ArrayList<>((ArrayDeque<?>) roundTrip(s.serializer(), deque)));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void sortedCollectionsKeepASerializableComparator(Named s) {
    TreeSet<String> set = new TreeSet<>(new Descending());
    set.addAll(List.of("a", "c", "b"));
    TreeSet<String> back = roundTrip(s.serializer(), set);
    assertEquals(List.of("c", "b", "a"), new ArrayList<>(back));
    back.add("d");
    assertEquals("d", back.first());
    TreeMap<String, Integer> map = new TreeMap<>(new Descending());
    map.putAll(Map.of("a", 1, "b", 2));
    TreeMap<String, Integer> mapBack = roundTrip(s.serializer(), map);
    assertEquals("b", mapBack.firstKey());
    assertInstanceOf(Descending.class, mapBack.comparator());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void immutableFactories(Named s) {
    List<Object> values = List.of(List.of(), List.of(1), List.of(1, 2, 3), Set.of(), Set.of("a"), Set.of("a", "b", "c"),
        Map.of(), Map.of("k", 1), Map.of("a", 1, "b", 2, "c", 3), Arrays.asList("x", null, "y"),
        Collections.emptyList(), Collections.emptyMap(), Collections.emptySet(), Collections.singletonList("s"),
        Collections.singleton(1), Collections.singletonMap("k", "v"));
    for (Object value : values) {
      Object back = roundTrip(s.serializer(), value);
      assertEquals(value, back, value.getClass().getName());
    }
    List<Integer> list = roundTrip(s.serializer(), List.of(1, 2));
    assertThrows(UnsupportedOperationException.class, () -> list.add(3));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void unmodifiableAndSynchronizedWrappers(Named s) {
    List<Collection<?>> collections = List.of(
        Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))),
        Collections.unmodifiableList(new LinkedList<>(List.of(1, 2))),
        Collections.unmodifiableSet(new LinkedHashSet<>(List.of("b", "a"))),
        Collections.synchronizedList(new ArrayList<>(List.of("x"))));
    for (Collection<?> value : collections) {
      Collection<?> back = roundTrip(s.serializer(), value);
      assertEquals(value.getClass(), back.getClass());
      assertEquals(new ArrayList<>(value), new ArrayList<>(back));
    }
    Collection<Integer> plain =
        roundTrip(s.serializer(), Collections.unmodifiableCollection(new ArrayList<>(List.of(4))));
    assertEquals(List.of(4), new ArrayList<>(plain));
    assertThrows(UnsupportedOperationException.class, () -> plain.add(5));

    Map<String, Integer> map = roundTrip(s.serializer(), Collections.unmodifiableMap(linkedMap()));
    assertEquals(linkedMap(), map);
    assertThrows(UnsupportedOperationException.class, () -> map.put("z", 0));
    Map<String, Integer> synced = roundTrip(s.serializer(), Collections.synchronizedMap(new HashMap<>(Map.of("a", 1))));
    synced.put("b", 2);
    assertEquals(Map.of("a", 1, "b", 2), synced);
    List<String> syncedList = roundTrip(s.serializer(), Collections.synchronizedList(new ArrayList<>(List.of("q"))));
    syncedList.add("r");
    assertEquals(List.of("q", "r"), syncedList);
  }

  /** Views are not Serializable in the JDK; they arrive as detached copies. */
  @ParameterizedTest
  @MethodSource("serializers")
  void mapViewsArriveAsCopies(Named s) {
    LinkedHashMap<String, Integer> map = linkedMap();
    Set<String> keys = roundTrip(s.serializer(), map.keySet());
    assertEquals(List.of("c", "a", "b"), new ArrayList<>(keys));
    Collection<Integer> values = roundTrip(s.serializer(), map.values());
    assertEquals(List.of(3, 1, 2), new ArrayList<>(values));
    Set<Map.Entry<String, Integer>> entries = roundTrip(s.serializer(), map.entrySet());
    assertEquals(map.entrySet(), entries);
    Set<String> hashKeys = roundTrip(s.serializer(), new HashMap<>(Map.of("x", 1, "y", 2)).keySet());
    assertEquals(Set.of("x", "y"), hashKeys);
    Object sortedKeys = roundTrip(s.serializer(), new TreeMap<>(Map.of("b", 1, "a", 2)).keySet());
    assertInstanceOf(SortedSet.class, sortedKeys);
    assertEquals(List.of("a", "b"), new ArrayList<>((SortedSet<?>) sortedKeys));
    List<Integer> sub = roundTrip(s.serializer(), new ArrayList<>(List.of(1, 2, 3, 4)).subList(1, 3));
    assertEquals(List.of(2, 3), sub);
  }

  private static LinkedHashMap<String, Integer> linkedMap() {
    LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
    map.put("c", 3);
    map.put("a", 1);
    map.put("b", 2);
    return map;
  }

  private static Collection<?> iterable(Object value) {
    return value instanceof Map<?, ?> map ? map.entrySet() : (Collection<?>) value;
  }
}
