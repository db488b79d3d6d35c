package io.sluice.internal.sql;

import io.sluice.sql.SqlType;
import java.util.Comparator;

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
    };
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
