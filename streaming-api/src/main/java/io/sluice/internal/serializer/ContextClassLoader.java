package io.sluice.internal.serializer;

/** The loader user classes are resolved with: executors install the application's jars as the context loader. */
final class ContextClassLoader {
  private ContextClassLoader() {}

  static ClassLoader current() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : ContextClassLoader.class.getClassLoader();
  }
}
