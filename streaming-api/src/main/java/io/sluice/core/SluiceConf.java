package io.sluice.core;

import io.sluice.internal.config.ConfigOption;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Configuration of a Sluice application: string keys and values. A new instance also reads every
 * JVM system property whose name starts with {@code sluice.}, so {@code -Dsluice.master=local[4]}
 * works without code changes. Values are checked when they are read, with errors naming the key.
 * Not thread-safe; configure before creating the context.
 */
public final class SluiceConf implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> settings = new TreeMap<>();

  public SluiceConf() {
    this(true);
  }

  /** @param loadSystemProperties whether {@code sluice.*} system properties are read */
  public SluiceConf(boolean loadSystemProperties) {
    if (loadSystemProperties) {
      System.getProperties().stringPropertyNames().stream()
          .filter(name -> name.startsWith("sluice."))
          .forEach(name -> settings.put(name, System.getProperty(name)));
    }
  }

  public SluiceConf setMaster(String master) {
    return set("sluice.master", master);
  }

  public SluiceConf setAppName(String name) {
    return set("sluice.app.name", name);
  }

  public SluiceConf set(String key, String value) {
    if (key == null || value == null) {
      throw new SluiceException("Configuration key and value must not be null (key " + key + ")");
    }
    settings.put(key, value);
    return this;
  }

  /** Sets the key only when it has no value yet (e.g. a default master that -Dsluice.master overrides). */
  public SluiceConf setIfMissing(String key, String value) {
    if (!settings.containsKey(key)) {
      set(key, value);
    }
    return this;
  }

  public SluiceConf remove(String key) {
    settings.remove(key);
    return this;
  }

  /** The value of a key that must be set; throws naming the key when it is not. */
  public String get(String key) {
    String value = settings.get(key);
    if (value == null) {
      throw new SluiceException("Configuration key " + key + " is not set");
    }
    return value;
  }

  public String get(String key, String defaultValue) {
    return settings.getOrDefault(key, defaultValue);
  }

  public Optional<String> getOption(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  public boolean contains(String key) {
    return settings.containsKey(key);
  }

  /** Typed read of a declared option: the set value parsed, else its default. */
  public <T> T get(ConfigOption<T> option) {
    return getOption(option).orElseThrow(() -> new SluiceException("Configuration key " + option.key()
        + " is not set and has no default"));
  }

  /** Typed read of a declared option: the set value parsed, else its default, else empty. */
  public <T> Optional<T> getOption(ConfigOption<T> option) {
    String raw = settings.get(option.key());
    return raw == null ? option.defaultValue() : Optional.of(option.parse(raw));
  }

  public <T> SluiceConf set(ConfigOption<T> option, T value) {
    return set(option.key(), String.valueOf(value));
  }

  /** A snapshot of every explicitly set key. */
  public Map<String, String> getAll() {
    return Map.copyOf(settings);
  }

  public SluiceConf copy() {
    SluiceConf copy = new SluiceConf(false);
    copy.settings.putAll(settings);
    return copy;
  }

  @Override
  public String toString() {
    return "SluiceConf" + settings;
  }
}
