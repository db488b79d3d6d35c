package io.sluice.internal.rdd;

import io.sluice.api.function.Function;
import io.sluice.api.function.Function2;
import java.io.Serializable;

/** The three functions of combineByKey: start a combiner from a value, add a value, merge two combiners. */
public record Aggregator<V, C>(Function<V, C> createCombiner, Function2<C, V, C> mergeValue,
                               Function2<C, C, C> mergeCombiners) implements Serializable {}
