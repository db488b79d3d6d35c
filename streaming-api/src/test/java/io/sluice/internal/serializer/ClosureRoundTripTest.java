package io.sluice.internal.serializer;

import static io.sluice.internal.serializer.Fixtures.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.api.Tuple2;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.Function;
import io.sluice.api.function.Function0;
import io.sluice.api.function.Function2;
import io.sluice.api.function.PairFunction;
import io.sluice.internal.serializer.Fixtures.AddN;
import io.sluice.internal.serializer.Fixtures.Named;
import io.sluice.internal.serializer.Fixtures.SerializableHolder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User functions the engine ships to executors. The functions are built in static methods so that
 * they do not capture the (non-Serializable) test instance.
 */
class ClosureRoundTripTest {
  static List<Named> serializers() {
    return Fixtures.allSerializers();
  }

  @SuppressWarnings("serial") // method references to package-private fixtures, on purpose
  @ParameterizedTest
  @MethodSource("serializers")
  void lambdasAndMethodReferences(Named s) throws Exception {
    Function<String, Integer> length = String::length;
    Function<String, String> upper = Fixtures::upper;
    Function<String, String> bound = "pre-"::concat;
    Function2<Integer, Integer, Integer> sum = Integer::sum;
    assertEquals(3, roundTrip(s.serializer(), length).call("abc"));
    assertEquals("ABC", roundTrip(s.serializer(), upper).call("abc"));
    assertEquals("pre-x", roundTrip(s.serializer(), bound).call("x"));
    assertEquals(5, roundTrip(s.serializer(), sum).call(2, 3));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void lambdasCapturingValuesAndOtherLambdas(Named s) throws Exception {
    Function<Integer, Integer> composed = compose(x -> x * 2, x -> x + 1);
    assertEquals(7, roundTrip(s.serializer(), composed).call(3));
    Function<String, String> capturing = capturing("sep", 2, Optional.of("!"));
    assertEquals("a|sep|sep!", roundTrip(s.serializer(), capturing).call("a"));
    Function0<List<String>> supplier = listSupplier(List.of("x", "y"));
    assertEquals(List.of("x", "y"), roundTrip(s.serializer(), supplier).call());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void lambdaCapturingThisOfASerializableClass(Named s) throws Exception {
    Function<String, String> prepender = new SerializableHolder(">> ").prepender();
    assertEquals(">> a", roundTrip(s.serializer(), prepender).call("a"));
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void anonymousAndNestedFunctionClasses(Named s) throws Exception {
    assertEquals(15, roundTrip(s.serializer(), new AddN(5)).call(10));
    PairFunction<String, String, Integer> pair = anonymousPairFunction(7);
    assertEquals(new Tuple2<>("k", 7), roundTrip(s.serializer(), pair).call("k"));
    FlatMapFunction<String, String> words = anonymousSplitter();
    Iterator<String> it = roundTrip(s.serializer(), words).call("a b");
    assertEquals("a", it.next());
    assertEquals("b", it.next());
  }

  @ParameterizedTest
  @MethodSource("serializers")
  void functionsInsideDataStructures(Named s) throws Exception {
    List<Function<Integer, Integer>> pipeline = List.of(new AddN(1), x -> x * 10, compose(x -> x, x -> -x));
    List<Function<Integer, Integer>> back = roundTrip(s.serializer(), pipeline);
    int value = 1;
    for (Function<Integer, Integer> f : back) {
      value = f.call(value);
    }
    assertEquals(-20, value);
  }

  private static Function<Integer, Integer> compose(Function<Integer, Integer> f, Function<Integer, Integer> g) {
    return x -> g.call(f.call(x));
  }

  private static Function<String, String> capturing(String separator, int times, Optional<String> suffix) {
    return s -> s + ("|" + separator).repeat(times) + suffix.orElse("");
  }

  private static Function0<List<String>> listSupplier(List<String> values) {
    return () -> values;
  }

  private static PairFunction<String, String, Integer> anonymousPairFunction(int value) {
    return new PairFunction<>() {
      @Override
      public Tuple2<String, Integer> call(String key) {
        return new Tuple2<>(key, value);
      }
    };
  }

  private static FlatMapFunction<String, String> anonymousSplitter() {
    return new FlatMapFunction<>() {
      @Override
      public Iterator<String> call(String line) {
        return Arrays.asList(line.split(" ")).iterator();
      }
    };
  }
}
