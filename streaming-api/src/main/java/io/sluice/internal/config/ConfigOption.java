package io.sluice.internal.config;

import io.sluice.core.SluiceConf;
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

  /** The value set in {@code conf}, parsed, else the default; fails naming the key when there is neither. */
  public T get(SluiceConf conf) {
    return getOption(conf).orElseThrow(() -> new SluiceException("Configuration key " + key
        + " is not set and has no default"));
  }

  /** The value set in {@code conf}, parsed, else the default, else empty. */
  public Optional<T> getOption(SluiceConf conf) {
    Optional<String> raw = conf.getOption(key);
    return raw.isEmpty() ? defaultValue() : Optional.of(parse(raw.get()));
  }

  /** Sets this option in {@code conf}; returns {@code conf}. */
  public SluiceConf set(SluiceConf conf, T value) {
    return conf.set(key, String.valueOf(value));
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
