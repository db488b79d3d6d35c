package io.sluice.streaming;

import io.sluice.core.SluiceException;
import java.io.Serializable;

/** A length of time in milliseconds: batch intervals, window lengths, slides. Immutable. */
public final class Duration implements Serializable, Comparable<Duration> {
  private static final long serialVersionUID = 1L;
  private final long millis;

  /** A duration of {@code millis} milliseconds. */
  public Duration(long millis) {
    this.millis = millis;
  }

  /** This duration in milliseconds. */
  public long milliseconds() {
    return millis;
  }

  /** True when this duration is a whole, positive number of {@code d}s. */
  public boolean isMultipleOf(Duration d) {
    return d.millis > 0 && millis % d.millis == 0;
  }

  /** This duration plus {@code d}. */
  public Duration plus(Duration d) {
    return new Duration(millis + d.millis);
  }

  /** This duration minus {@code d}. */
  public Duration minus(Duration d) {
    return new Duration(millis - d.millis);
  }

  /** This duration {@code n} times. */
  public Duration times(int n) {
    return new Duration(millis * n);
  }

  /** How many {@code d}s fit in this duration; fails unless it is a whole number. */
  public int div(Duration d) {
    if (!isMultipleOf(d)) {
      throw new SluiceException(this + " is not a multiple of " + d);
    }
    return (int) (millis / d.millis);
  }

  /** Whether this duration is 0 ms. */
  public boolean isZero() {
    return millis == 0;
  }

  @Override
  public int compareTo(Duration o) {
    return Long.compare(millis, o.millis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Duration d && d.millis == millis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(millis);
  }

  @Override
  public String toString() {
    return millis + " ms";
  }
}
