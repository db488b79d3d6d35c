package io.sluice.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JVM flag list exists three times (code, root pom, bin/sluice-env); they must not drift apart. */
class JvmOptionsTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void matchesTheRootPomsProperty() throws Exception {
    Matcher m = Pattern.compile("<sluice.jvm.opens>(.*?)</sluice.jvm.opens>")
        .matcher(Files.readString(ROOT.resolve("pom.xml")));
    m.find();
    assertEquals(JvmOptions.ADD_OPENS, Arrays.asList(m.group(1).trim().split("\\s+")));
  }

  @Test
  void matchesTheLaunchersFlags() throws Exception {
    String env = Files.readString(ROOT.resolve("bin/sluice-env"));
    String block = env.substring(env.indexOf("SLUICE_JVM_FLAGS=("), env.indexOf(")", env.indexOf("SLUICE_JVM_FLAGS=(")));
    List<String> flags = Arrays.stream(block.substring(block.indexOf('(') + 1).trim().split("\\s+")).toList();
    assertEquals(JvmOptions.ADD_OPENS, flags);
  }
}
