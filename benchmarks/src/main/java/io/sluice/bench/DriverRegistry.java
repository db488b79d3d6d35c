package io.sluice.bench;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Driver-side objects that output functions reach by id. A {@code foreachRDD} function must not
 * capture such an object: user functions are serializable and the engine may copy them (for a
 * checkpoint, or to check that they serialize), and a copy would silently collect results nobody
 * reads. The function captures the id instead and looks the object up when it runs, on the driver.
 */
final class DriverRegistry {
  private static final Map<String, Object> OBJECTS = new ConcurrentHashMap<>();

  private DriverRegistry() {}

  /** Registers {@code object} under a new id; {@link #release} it when done. */
  static String register(Object object) {
    String id = UUID.randomUUID().toString();
    OBJECTS.put(id, object);
    return id;
  }

  /**
   * The object registered as {@code id}.
   *
   * @throws IllegalStateException if there is none of that type in this JVM
   */
  static <T> T lookup(String id, Class<T> type) {
    Object object = OBJECTS.get(id);
    if (!type.isInstance(object)) {
      throw new IllegalStateException("no driver-side " + type.getSimpleName() + " " + id + " in this JVM");
    }
    return type.cast(object);
  }

  static void release(String id) {
    OBJECTS.remove(id);
  }
}
