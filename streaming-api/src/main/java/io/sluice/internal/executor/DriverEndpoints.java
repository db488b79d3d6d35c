package io.sluice.internal.executor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How code on an executor reaches driver-side services (e.g. the receiver tracker) by interface.
 * In {@code local[N]} the driver registers its objects here directly; executor processes register
 * RPC proxies for the same interfaces.
 */
public final class DriverEndpoints {
  private final Map<Class<?>, Object> endpoints = new ConcurrentHashMap<>();

  public <T> void register(Class<T> type, T endpoint) {
    endpoints.put(type, endpoint);
  }

  public void unregister(Class<?> type) {
    endpoints.remove(type);
  }

  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(type.cast(endpoints.get(type)));
  }

  public <T> T get(Class<T> type) {
    return find(type).orElseThrow(() -> new IllegalStateException("The driver has no " + type.getSimpleName()));
  }
}
