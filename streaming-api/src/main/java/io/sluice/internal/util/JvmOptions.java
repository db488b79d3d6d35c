package io.sluice.internal.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** JVM flags every Sluice process needs, for launchers of executor (and, on YARN, driver) JVMs. */
public final class JvmOptions {
  /** Next to this class; the root pom and {@code bin/sluice-env} read the same file from the source tree. */
  static final String RESOURCE = "jvm-opens.txt";

  private JvmOptions() {}

  /** Kryo reflects into these JDK packages on JDK 17 ({@code --add-opens} and its value, in order). */
  public static final List<String> ADD_OPENS = parse(load());

  /** The whitespace-separated words of {@code text}, lines starting with {@code #} left out. */
  static List<String> parse(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .flatMap(line -> Arrays.stream(line.split("\\s+"))).toList();
  }

  private static String load() {
    try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath next to " + JvmOptions.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
