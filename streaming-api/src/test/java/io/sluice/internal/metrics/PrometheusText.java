package io.sluice.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (version 0.0.4) for tests: every line must be a
 * HELP, a TYPE or a sample of a declared family, with well-formed labels and a number as value.
 */
final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|info|stateset|unknown|untyped)");
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
  private static final Pattern SAMPLE = Pattern.compile(
      "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?})? (\\S+)(?: -?\\d+)?");
  private static final Map<String, List<String>> SUFFIXES = Map.of(
      "counter", List.of("", "_total", "_created"),
      "histogram", List.of("_bucket", "_count", "_sum", "_created"),
      "summary", List.of("", "_count", "_sum", "_created"),
      "gauge", List.of(""), "info", List.of("_info"), "stateset", List.of(""), "unknown", List.of(""),
      "untyped", List.of(""));

  /** Family name to type. */
  final Map<String, String> types = new LinkedHashMap<>();
  /** Sample name with its labels as written (e.g. {@code x_total{a="1"}}) to value. */
  final Map<String, Double> samples = new LinkedHashMap<>();

  PrometheusText(String text) {
    assertTrue(text.endsWith("\n"), "the exposition ends with a newline");
    Map<String, Integer> helps = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        helps.merge(m.group(1), 1, Integer::sum);
      } else if ((m = TYPE.matcher(line)).matches()) {
        assertEquals(null, types.put(m.group(1), m.group(2)), "one TYPE per family: " + line);
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String family = familyOf(m.group(1));
        assertNotNull(family, "a sample of a declared family: " + line);
        double value = parse(m.group(3), line);
        assertEquals(null, samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), value), "duplicate " + line);
      } else {
        fail("not a line of the Prometheus text format: [" + line + "]");
      }
    }
    helps.forEach((name, n) -> assertEquals(1, n, "one HELP for " + name));
  }

  private String familyOf(String sampleName) {
    for (Map.Entry<String, String> family : types.entrySet()) {
      for (String suffix : SUFFIXES.get(family.getValue())) {
        if (sampleName.equals(family.getKey() + suffix)) {
          return family.getKey();
        }
      }
    }
    return null;
  }

  private static double parse(String value, String line) {
    if (Set.of("+Inf", "-Inf", "NaN").contains(value)) {
      return value.equals("NaN") ? Double.NaN : value.startsWith("+") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new AssertionError("not a number in " + line, e);
    }
  }

  /** The value of a sample, e.g. {@code value("sluice_executors")}; fails when absent. */
  double value(String sample) {
    Double v = samples.get(sample);
    assertNotNull(v, () -> sample + " is missing; samples: " + samples.keySet());
    return v;
  }
}
