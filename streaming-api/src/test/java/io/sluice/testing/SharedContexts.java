package io.sluice.testing;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * SluiceContexts for the engine's operation tests. On a master that starts executor processes
 * ({@code local-cluster}), most of a short test's time was starting two executor JVMs and waiting
 * for them to register, once per test; here the tests of one JVM share one context per configuration
 * and start only their StreamingContexts and jobs on it. In-process masters get a fresh context
 * per test, as before, which is as cheap as sharing.
 *
 * <p>Only the most recently used configuration is kept: asking for another stops the shared context
 * first, so a test JVM never holds idle executors of earlier configurations. A test that stops the
 * shared context (or whose executors died) gets a new one next time. The last one is stopped when
 * the JVM exits.
 */
public final class SharedContexts {
  private static Map<String, String> sharedConf;
  private static SluiceContext shared;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SharedContexts::stopShared, "shared-sluice-context-stop"));
  }

  private SharedContexts() {}

  /** Whether contexts of {@code conf} are shared (its master starts executor processes). */
  public static boolean shares(SluiceConf conf) {
    return conf.get("sluice.master", "").startsWith("local-cluster");
  }

  /** A context with {@code conf}: the shared one where {@link #shares} says so, else a new one the caller owns. */
  public static synchronized SluiceContext open(SluiceConf conf) {
    if (!shares(conf)) {
      return new SluiceContext(conf);
    }
    Map<String, String> settings = new TreeMap<>(conf.getAll());
    if (shared != null && (shared.isStopped() || !settings.equals(sharedConf))) {
      stopShared();
    }
    if (shared == null) {
      shared = new SluiceContext(conf);
      sharedConf = settings;
    }
    return shared;
  }

  /** Ends the caller's use of {@code sc}: stops it unless it is the shared context. */
  public static synchronized void close(SluiceContext sc) {
    if (sc != shared) {
      sc.stop();
    }
  }

  /** Whether {@code sc} is the shared context, which callers must not stop. */
  public static synchronized boolean isShared(SluiceContext sc) {
    return sc == shared;
  }

  /** Stops the shared context, if any: before a test creates a context of its own (one per JVM). */
  public static synchronized void stopShared() {
    if (shared != null) {
      SluiceContext old = shared;
      shared = null;
      sharedConf = null;
      if (!old.isStopped()) {
        old.stop();
      }
    }
  }
}
