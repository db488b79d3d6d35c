package io.sluice.api;

import java.io.Serializable;

/** An immutable triple; prints as {@code (a,b,c)}. */
public record Tuple3<A, B, C>(A _1, B _2, C _3) implements Serializable {
  @Override
  public String toString() {
    return "(" + _1 + "," + _2 + "," + _3 + ")";
  }
}
