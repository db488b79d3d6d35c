package io.sluice.internal.util;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Handlers for POSIX signals (TERM, INT, HUP) through the JDK's {@code sun.misc.Signal}. It is
 * reached by reflection because javac warns on every direct use of that unsupported API and the
 * build treats warnings as errors; the API itself is stable and exported by jdk.unsupported.
 */
public final class PosixSignals {
  private PosixSignals() {}

  /**
   * Calls {@code handler} on the handling thread the JVM starts when the signal arrives, instead
   * of the handler installed before. Returns that previous handler, to chain to, unless it was the
   * JVM's default or "ignore" (for TERM the JVM's own handler runs the shutdown hooks and exits).
   *
   * @throws IllegalArgumentException if this JVM or OS cannot handle the signal
   */
  public static Optional<Runnable> handle(String signalName, Runnable handler) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(signalName);
      Object proxy = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
          new Handler(handler));
      Object previous = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
      if (previous == null || previous == handlerClass.getField("SIG_DFL").get(null)
          || previous == handlerClass.getField("SIG_IGN").get(null)) {
        return Optional.empty();
      }
      Method handle = handlerClass.getMethod("handle", signalClass);
      return Optional.of(() -> {
        try {
          handle.invoke(previous, signal);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("The previous " + signalName + " handler failed", e);
        }
      });
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalArgumentException("Cannot handle SIG" + signalName + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Cannot handle SIG" + signalName + " in this JVM: " + e, e);
    }
  }

  /** The proxy's behaviour: handle(Signal) runs the handler; Object's methods behave as for any object. */
  private record Handler(Runnable onSignal) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return switch (method.getName()) {
        case "handle" -> {
          onSignal.run();
          yield null;
        }
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "PosixSignals handler";
        default -> throw new UnsupportedOperationException(method.getName());
      };
    }
  }
}
