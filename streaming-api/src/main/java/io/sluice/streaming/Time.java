package io.sluice.streaming;

import java.io.Serializable;

/** A point in time in milliseconds since the epoch: the time of a batch. Prints as "1357008430000 ms". */
public final class Time implements Serializable, Comparable<Time> {
  private static final long serialVersionUID = 1L;
  private final long millis;

  /** The time {@code millis} milliseconds after the epoch. */
  public Time(long millis) {
    this.millis = millis;
  }

  /** Milliseconds since the epoch. */
  public long milliseconds() {
    return millis;
  }

  /** The time {@code d} later. */
  public Time plus(Duration d) {
    return new Time(millis + d.milliseconds());
  }

  /** The time {@code d} earlier. */
  public Time minus(Duration d) {
    return new Time(millis - d.milliseconds());
  }

  /** The duration from {@code t} to this time. */
  public Duration minus(Time t) {
    return new Duration(millis - t.millis);
  }

  /** Whether this time is strictly before {@code t}. */
  public boolean isBefore(Time t) {
    return millis < t.millis;
  }

  /** Whether this time is strictly after {@code t}. */
  public boolean isAfter(Time t) {
    return millis > t.millis;
  }

  /** Whether this time is a whole number of {@code d}s after {@code zero}. */
  public boolean isMultipleOf(Duration d, Time zero) {
    return d.milliseconds() > 0 && (millis - zero.millis) % d.milliseconds() == 0;
  }

  /** The latest time at or before this one that is a whole number of {@code d}s after {@code zero}. */
  public Time floor(Duration d, Time zero) {
    long offset = Math.floorMod(millis - zero.millis, d.milliseconds());
    return new Time(millis - offset);
  }

  @Override
  public int compareTo(Time o) {
    return Long.compare(millis, o.millis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Time t && t.millis == millis;
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
