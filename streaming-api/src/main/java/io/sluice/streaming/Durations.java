package io.sluice.streaming;

/** Factories for {@link Duration}. */
public final class Durations {
  private Durations() {}

  /** A duration of {@code ms} milliseconds. */
  public static Duration milliseconds(long ms) {
    return new Duration(ms);
  }

  /** A duration of {@code s} seconds. */
  public static Duration seconds(long s) {
    return new Duration(s * 1000);
  }

  /** A duration of {@code m} minutes. */
  public static Duration minutes(long m) {
    return new Duration(m * 60_000);
  }
}
