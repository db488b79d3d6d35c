package io.sluice.streaming;

/** Factories for {@link Duration}. */
public final class Durations {
  private Durations() {}

  public static Duration milliseconds(long ms) {
    return new Duration(ms);
  }

  public static Duration seconds(long s) {
    return new Duration(s * 1000);
  }

  public static Duration minutes(long m) {
    return new Duration(m * 60_000);
  }
}
