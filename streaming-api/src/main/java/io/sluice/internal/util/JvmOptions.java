package io.sluice.internal.util;

import java.util.List;

/** JVM flags every Sluice process needs, for launchers of executor (and, on YARN, driver) JVMs. */
public final class JvmOptions {
  private JvmOptions() {}

  /**
   * Kryo reflects into these JDK packages on JDK 17. The same list as {@code sluice.jvm.opens} in
   * the root pom and {@code bin/sluice-env}; a test keeps them equal.
   */
  public static final List<String> ADD_OPENS = List.of(
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
}
