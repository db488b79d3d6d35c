package io.sluice.internal.serializer;

import com.esotericsoftware.kryo.KryoException;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import java.io.NotSerializableException;

/**
 * Turns what Kryo or Java serialization threw into a {@link SluiceException} whose message names the
 * class at fault and, when Kryo recorded one, the path by which it was reached.
 */
final class SerializationFailures {
  private static final String KRYO_TRACE = "\nSerialization trace:";
  private static final String UNREGISTERED = "Class is not registered: ";

  private SerializationFailures() {}

  static SluiceException onWrite(SerializerRole role, Object value, Throwable error) {
    String prefix = role.failurePrefix() + ": ";
    String trace = kryoTrace(error);
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof NotSerializableClassException e) {
        return new SluiceException(prefix + e.className() + " does not implement java.io.Serializable" + trace, error);
      }
      if (t instanceof NotSerializableException e) {
        return new SluiceException(prefix + e.getMessage() + " does not implement java.io.Serializable" + trace, error);
      }
      String message = t.getMessage();
      if (t instanceof IllegalArgumentException && message != null && message.startsWith(UNREGISTERED)) {
        String className = firstLine(message.substring(UNREGISTERED.length()));
        return new SluiceException(prefix + className + " is not registered with Kryo and "
            + SluiceOptions.KRYO_REGISTRATION_REQUIRED.key() + " is true; add it to "
            + SluiceOptions.KRYO_CLASSES_TO_REGISTER.key() + trace, error);
      }
    }
    String type = value == null ? "null" : value.getClass().getName();
    return new SluiceException(prefix + "failed to write an object of class " + type + ": " + describe(error) + trace,
        error);
  }

  /** @param what what was being read, e.g. "123 bytes" or "object 7 of a stream" */
  static SluiceException onRead(String what, Throwable error) {
    return new SluiceException("Could not deserialize " + what + ": " + describe(error) + kryoTrace(error), error);
  }

  /** The most informative message in the chain, without Kryo's trace (callers append it once, last). */
  private static String describe(Throwable error) {
    Throwable shown = error;
    while (shown.getMessage() == null && shown.getCause() != null) {
      shown = shown.getCause();
    }
    // Kryo's own messages are self-explanatory ("Unable to find class: x.Y"); others need their type.
    String message = shown instanceof KryoException ? withoutTrace(shown.getMessage()) : shown.toString();
    Throwable cause = shown.getCause();
    if (cause != null && !(shown instanceof KryoException && cause instanceof KryoException)) {
      message += " (caused by " + withoutTrace(cause.toString()) + ")";
    }
    return message;
  }

  private static String withoutTrace(String message) {
    int at = message == null ? -1 : message.indexOf(KRYO_TRACE);
    return at < 0 ? message : message.substring(0, at);
  }

  /** The "Serialization trace" Kryo attached to any exception in the chain, or "". */
  private static String kryoTrace(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KryoException) {
        String message = t.getMessage();
        int at = message == null ? -1 : message.indexOf(KRYO_TRACE);
        if (at >= 0) {
          return message.substring(at);
        }
      }
    }
    return "";
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).trim();
  }
}
