package io.sluice.api;

import java.io.Serializable;

/** An immutable pair, as in Spark's Java API: {@code t._1()}, {@code t._2()}; prints as {@code (a,b)}. */
public record Tuple2<A, B>(A _1, B _2) implements Serializable {
  @Override
  public String toString() {
    return "(" + _1 + "," + _2 + ")";
  }
}
