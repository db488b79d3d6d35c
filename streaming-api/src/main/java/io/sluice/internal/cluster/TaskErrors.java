package io.sluice.internal.cluster;

import io.sluice.core.SluiceException;
import io.sluice.internal.serializer.JdkObjectInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A task's exception on its way to the driver. Java serialization keeps the user's exception type,
 * message, cause chain and stack trace, so the driver can fail the batch with the very exception
 * the user's function threw. An exception that cannot be serialized arrives as a
 * {@link SluiceException} carrying its text and stack trace.
 */
final class TaskErrors {
  private TaskErrors() {}

  /** The serialized error, or null when it cannot be serialized. */
  static byte[] encode(Throwable error) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(error);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return bytes.toByteArray();
  }

  static String describe(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    String full = text.toString();
    return full.length() > 16_000 ? full.substring(0, 16_000) + "..." : full;
  }

  static Throwable decode(byte[] error, String description) {
    if (error != null) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      try (var in = new JdkObjectInputStream(new ByteArrayInputStream(error),
          loader != null ? loader : TaskErrors.class.getClassLoader())) {
        return (Throwable) in.readObject();
      } catch (IOException | ClassNotFoundException | RuntimeException e) {
        // fall back to the text below
      }
    }
    return new SluiceException("Task failed on an executor: " + description);
  }
}
