package io.sluice.internal.config;

import io.sluice.core.SluiceException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key, declared once with its type, default and meaning. Reading a value that
 * does not parse fails with the key, the bad value and what was expected.
 */
public final class ConfigOption<T> {
  private final String key;
  private final T defaultValue;
  private final String description;
  private final String expected;
  private final Function<String, T> parser;

  ConfigOption(String key, T defaultValue, String description, String expected, Function<String, T> parser) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.expected = expected;
    this.parser = parser;
  }

  public String key() {
    return key;
  }

  /** The default, or empty when the option has none (its absence is meaningful). */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  public T parse(String raw) {
    try {
      T value = parser.apply(raw.trim());
      if (value == null) {
        throw new IllegalArgumentException();
      }
      return value;
    } catch (RuntimeException e) {
      throw new SluiceException("Invalid value '" + raw + "' for " + key + ": expected " + expected
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
  }

  @Override
  public String toString() {
    return key;
  }
}
