package io.sluice.core;

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

  /** A configuration holding every {@code sluice.*} system property. */
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

  /**
   * Sets where to run: {@code local}, {@code local[N]}, {@code local[*]}, {@code
   * local-cluster[executors,cores,memoryMB]} or {@code yarn}; returns this.
   */
  public SluiceConf setMaster(String master) {
    return set("sluice.master", master);
  }

  /** Sets the application name shown in the UI and on YARN; returns this. */
  public SluiceConf setAppName(String name) {
    return set("sluice.app.name", name);
  }

  /** Sets a key (both must be non-null); returns this. */
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

  /** Removes a key; returns this. */
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

  /** The value of a key, or {@code defaultValue} when it is not set. */
  public String get(String key, String defaultValue) {
    return settings.getOrDefault(key, defaultValue);
  }

  /** The value of a key, if set. */
  public Optional<String> getOption(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** Whether a key is set. */
  public boolean contains(String key) {
    return settings.containsKey(key);
  }

  /** A snapshot of every explicitly set key. */
  public Map<String, String> getAll() {
    return Map.copyOf(settings);
  }

  /** An independent copy of this configuration. */
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
