package io.sluice.internal.config;

import io.sluice.core.SluiceException;
import java.util.Locale;
import java.util.Set;

/**
 * Builders for typed options; parsing rules live here so every key of one type reads alike. The
 * parse methods are public so command-line tools read sizes and durations by the same rules.
 */
public final class ConfigOptions {
  private ConfigOptions() {}

  public static ConfigOption<Integer> positiveInt(String key, Integer defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a positive integer", raw -> {
      int v = Integer.parseInt(raw);
      if (v <= 0) {
        throw new IllegalArgumentException("must be > 0");
      }
      return v;
    });
  }

  static ConfigOption<Integer> nonNegativeInt(String key, Integer defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a non-negative integer", raw -> {
      int v = Integer.parseInt(raw);
      if (v < 0) {
        throw new IllegalArgumentException("must be >= 0");
      }
      return v;
    });
  }

  /** A TCP port; 0 means any free port. */
  static ConfigOption<Integer> port(String key, Integer defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a port number from 0 to 65535", raw -> {
      int v = Integer.parseInt(raw);
      if (v < 0 || v > 65535) {
        throw new IllegalArgumentException("out of range");
      }
      return v;
    });
  }

  public static ConfigOption<Long> nonNegativeLong(String key, Long defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a non-negative integer", raw -> {
      long v = Long.parseLong(raw);
      if (v < 0) {
        throw new IllegalArgumentException("must be >= 0");
      }
      return v;
    });
  }

  static ConfigOption<Double> fraction(String key, Double defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a number in (0, 1]", raw -> {
      double v = Double.parseDouble(raw);
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("out of range");
      }
      return v;
    });
  }

  static ConfigOption<Boolean> bool(String key, Boolean defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "true or false", raw -> switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    });
  }

  static ConfigOption<String> string(String key, String defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a string", raw -> raw);
  }

  static ConfigOption<String> oneOf(String key, String defaultValue, String description, Set<String> allowed) {
    return new ConfigOption<>(key, defaultValue, description, "one of " + allowed, raw -> {
      if (!allowed.contains(raw)) {
        throw new IllegalArgumentException("not allowed");
      }
      return raw;
    });
  }

  /** Milliseconds: a bare number means ms; suffixes ms, s, min, h are accepted ("200", "2s"). */
  public static ConfigOption<Long> durationMs(String key, Long defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a duration such as 200, 200ms, 2s, 1min, 1h or 7d",
        ConfigOptions::parseDurationMs);
  }

  /** Sizes in MiB: a bare number means MiB; suffixes k, m, g are accepted ("512", "1g"). */
  static ConfigOption<Long> sizeMb(String key, Long defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a size such as 512m or 1g", ConfigOptions::parseSizeMb);
  }

  /** Sizes in bytes: a bare number means bytes; suffixes k, m, g are accepted ("64k", "128m"). */
  static ConfigOption<Long> sizeBytes(String key, Long defaultValue, String description) {
    return new ConfigOption<>(key, defaultValue, description, "a size such as 64k or 128m", ConfigOptions::parseSizeBytes);
  }

  /** @throws RuntimeException when {@code raw} is not a positive size */
  public static long parseSizeBytes(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).trim();
    long unit = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
      case 'k' -> 1024L;
      case 'm' -> 1024L * 1024;
      case 'g' -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    long v = Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1).trim()) * unit;
    if (v <= 0) {
      throw new SluiceException("must be positive");
    }
    return v;
  }

  /** @throws RuntimeException when {@code raw} is not a duration */
  public static long parseDurationMs(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).trim();
    long v;
    if (s.endsWith("ms")) {
      v = Long.parseLong(s.substring(0, s.length() - 2).trim());
    } else if (s.endsWith("min")) {
      v = Long.parseLong(s.substring(0, s.length() - 3).trim()) * 60_000;
    } else if (s.endsWith("s")) {
      v = Long.parseLong(s.substring(0, s.length() - 1).trim()) * 1000;
    } else if (s.endsWith("h")) {
      v = Long.parseLong(s.substring(0, s.length() - 1).trim()) * 3_600_000;
    } else if (s.endsWith("d")) {
      v = Long.parseLong(s.substring(0, s.length() - 1).trim()) * 86_400_000;
    } else {
      v = Long.parseLong(s);
    }
    if (v < 0) {
      throw new SluiceException("must not be negative");
    }
    return v;
  }

  /** @throws RuntimeException when {@code raw} is not a positive size */
  public static long parseSizeMb(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).trim();
    long v;
    if (s.endsWith("g")) {
      v = Long.parseLong(s.substring(0, s.length() - 1)) * 1024;
    } else if (s.endsWith("m")) {
      v = Long.parseLong(s.substring(0, s.length() - 1));
    } else if (s.endsWith("k")) {
      v = Math.max(1, Long.parseLong(s.substring(0, s.length() - 1)) / 1024);
    } else {
      v = Long.parseLong(s);
    }
    if (v <= 0) {
      throw new SluiceException("must be positive");
    }
    return v;
  }
}
