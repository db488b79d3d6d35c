package io.sluice.internal.sql;

import io.sluice.sql.SqlType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Comparator;
import java.util.Locale;

/** How SQL values compare, add up and convert, as boxed Java values (null is SQL NULL). */
final class Values {
  private Values() {}

  /** Ascending with nulls first; numbers compare by value whatever their box. */
  static final Comparator<Object> ORDER = (a, b) -> {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return compare(a, b);
  };

  /** Compares two non-null values of comparable SQL types. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return isIntegral(x) && isIntegral(y) ? Long.compare(x.longValue(), y.longValue())
          : Double.compare(x.doubleValue(), y.doubleValue());
    }
    return ((Comparable) a).compareTo(b);
  }

  static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  /** {@code value} as a value of {@code type}'s Java class; null stays null. */
  static Object coerce(Object value, SqlType type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case VARCHAR -> value.toString();
      case INTEGER -> value instanceof Number n ? (Object) n.intValue() : (Object) Integer.parseInt(value.toString().trim());
      case BIGINT -> value instanceof Number n ? (Object) n.longValue() : (Object) Long.parseLong(value.toString().trim());
      case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : (Object) Double.parseDouble(value.toString().trim());
      case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString().trim());
      case TIMESTAMP -> value instanceof Number n ? (Object) n.longValue() : (Object) parseTimestamp(value.toString());
    };
  }

  // A TIMESTAMP is a long inside queries (milliseconds since the epoch, UTC, as Calcite's own
  // literals are), and an Instant in the rows users give and get.
  private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').appendPattern("HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 0, 3, true).optionalEnd()
      .toFormatter(Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A value as queries hold it: an Instant as its epoch milliseconds, anything else as it is. */
  static Object internal(Object value) {
    return value instanceof Instant instant ? (Object) instant.toEpochMilli() : value;
  }

  /** A value of column type {@code type} as users get it: a TIMESTAMP as an Instant. */
  static Object external(Object value, SqlType type) {
    return type == SqlType.TIMESTAMP && value instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : value;
  }

  /** A TIMESTAMP as SQL writes it: {@code 2026-12-04 20:11:17.5} (UTC). */
  static String timestampText(long millis) {
    return TIMESTAMP_TEXT.format(Instant.ofEpochMilli(millis));
  }

  private static long parseTimestamp(String text) {
    try {
      return Instant.from(TIMESTAMP_TEXT.parse(text.trim())).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("SQL: not a TIMESTAMP (yyyy-MM-dd HH:mm:ss[.fff]): '" + text + "'", e);
    }
  }

  /** {@code a + b}, {@code a - b} ... on numbers: integral when both are, else floating point. */
  static Object arithmetic(char op, Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      long x = a.longValue();
      long y = b.longValue();
      return switch (op) {
        case '+' -> Math.addExact(x, y);
        case '-' -> Math.subtractExact(x, y);
        case '*' -> Math.multiplyExact(x, y);
        case '/' -> {
          if (y == 0) {
            throw new ArithmeticException("SQL: division by zero");
          }
          yield x / y;
        }
        case '%' -> x % y;
        default -> throw new IllegalArgumentException(String.valueOf(op));
      };
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    return switch (op) {
      case '+' -> x + y;
      case '-' -> x - y;
      case '*' -> x * y;
      case '/' -> x / y;
      case '%' -> x % y;
      default -> throw new IllegalArgumentException(String.valueOf(op));
    };
  }
}
