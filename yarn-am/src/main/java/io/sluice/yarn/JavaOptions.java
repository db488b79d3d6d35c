package io.sluice.yarn;

import io.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sluice.driver.extraJavaOptions} and {@code sluice.executor.extraJavaOptions}: JVM options
 * written as on a shell command line ({@code -XX:+UseG1GC -Dname='a b'}), split into arguments the
 * way a POSIX shell would (single quotes literal, double quotes with backslash escapes).
 */
final class JavaOptions {
  private JavaOptions() {}

  /**
   * @param key the configuration key, named in errors
   * @throws SluiceException on unbalanced quotes, or on options Sluice sets itself: the heap (the
   *     container size is computed from {@code sluice.*.memory}), the classpath, and
   *     {@code -Dsluice.*} (use {@code --conf}, which is checked and reaches every process)
   */
  static List<String> parse(String key, String value) {
    List<String> options = split(key, value);
    for (String option : options) {
      String lower = option.toLowerCase(Locale.ROOT);
      if (lower.startsWith("-xmx") || lower.startsWith("-xx:maxheapsize")) {
        throw new SluiceException(key + " must not set the heap (" + option + "): use "
            + (key.startsWith("sluice.driver") ? "--driver-memory" : "--executor-memory"));
      }
      if (option.equals("-cp") || option.equals("-classpath") || option.equals("--class-path") || option.equals("-jar")) {
        throw new SluiceException(key + " must not set the classpath (" + option + "): use --jars");
      }
      if (option.startsWith("-Dsluice.")) {
        throw new SluiceException(key + " must not set Sluice settings (" + option + "): use --conf "
            + option.substring(2));
      }
      if (!option.startsWith("-")) {
        throw new SluiceException(key + " holds '" + option + "', which is not a JVM option (they start with -)");
      }
    }
    return options;
  }

  private static List<String> split(String key, String value) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < value.length() && "\"\\$`".indexOf(value.charAt(i + 1)) >= 0) {
          word.append(value.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < value.length()) {
          word.append(value.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new SluiceException(key + " has an unclosed " + (quote == '"' ? "double" : "single") + " quote: " + value);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
