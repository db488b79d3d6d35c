package io.sluice.internal.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM's own metrics (memory, GC, threads, classes), registered once per JVM in a registry of
 * their own that every context's /metrics includes. Not once per context: JvmMetrics remembers
 * every registry it was given in a static set and adds GC listeners for each, so a registry per
 * context would keep every stopped context's metrics alive. Not the library's default registry
 * either, so nothing else in the application can put metrics into Sluice's page by accident.
 */
final class JvmRegistry {
  static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

  static {
    JvmMetrics.builder().register(REGISTRY);
  }

  private JvmRegistry() {}
}
