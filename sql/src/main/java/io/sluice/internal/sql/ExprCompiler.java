package io.sluice.internal.sql;

import io.sluice.sql.SqlType;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Compiles Calcite's row expressions into serializable {@link Expr}s. Three-valued logic: a
 * comparison or arithmetic with a NULL operand is NULL, AND is FALSE if either side is, OR is TRUE
 * if either side is, otherwise NULL when either is; a filter keeps a row only when its condition is TRUE.
 */
@SuppressWarnings("serial") // its serializable lambdas call helpers of internal classes: nothing to hide
final class ExprCompiler {
  private final RexBuilder rexBuilder;

  ExprCompiler(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  Expr compile(RexNode node) {
    if (node instanceof RexInputRef ref) {
      int index = ref.getIndex();
      return row -> row[index];
    }
    if (node instanceof RexLiteral literal && literal.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.SYMBOL) {
      String flag = String.valueOf(literal.getValue()); // e.g. TRIM's BOTH: passed on by name
      return row -> flag;
    }
    if (node instanceof RexLiteral literal) {
      Object value = literal.isNull() ? null : literalValue(literal);
      return row -> value;
    }
    if (node instanceof RexCall call) {
      return call(call);
    }
    throw new UnsupportedSqlException("the expression " + node);
  }

  /** IS [NOT] DISTINCT FROM: equality where NULL equals NULL, never NULL itself. */
  private static Expr distinct(List<Expr> args, boolean distinct) {
    return binary(args, (x, y) -> (x == null || y == null ? x == y : Values.compare(x, y) == 0) != distinct);
  }

  @FunctionalInterface
  private interface Binary extends java.io.Serializable {
    Object of(Object x, Object y);
  }

  /** {@code f} of the values of the two operands. */
  private static Expr binary(List<Expr> args, Binary f) {
    Expr a = args.get(0);
    Expr b = args.get(1);
    return row -> f.of(a.eval(row), b.eval(row));
  }

  static Object literalValue(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    SqlType type = SqlTypes.of(literal.getType());
    return switch (type) {
      case VARCHAR -> literal.getValueAs(String.class);
      case INTEGER -> literal.getValueAs(Integer.class);
      case BIGINT -> literal.getValueAs(Long.class);
      case DOUBLE -> literal.getValueAs(Double.class);
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case TIMESTAMP -> literal.getValueAs(Long.class);
    };
  }

  private Expr call(RexCall call) {
    List<Expr> args = call.getOperands().stream().map(this::compile).toList();
    SqlType result = SqlTypes.of(call.getType());
    switch (call.getKind()) {
      case SEARCH:
        return compile(RexUtil.expandSearch(rexBuilder, null, call));
      case EQUALS: return compare(args, c -> c == 0);
      case NOT_EQUALS: return compare(args, c -> c != 0);
      case LESS_THAN: return compare(args, c -> c < 0);
      case LESS_THAN_OR_EQUAL: return compare(args, c -> c <= 0);
      case GREATER_THAN: return compare(args, c -> c > 0);
      case GREATER_THAN_OR_EQUAL: return compare(args, c -> c >= 0);
      case AND: return logic(args, false);
      case OR: return logic(args, true);
      case NOT: {
        Expr a = args.get(0);
        return row -> {
          Object v = a.eval(row);
          return v == null ? null : !(Boolean) v;
        };
      }
      case IS_NOT_DISTINCT_FROM: return distinct(args, false);
      case IS_DISTINCT_FROM: return distinct(args, true);
      case IS_NULL: {
        Expr a = args.get(0);
        return row -> a.eval(row) == null;
      }
      case IS_NOT_NULL: {
        Expr a = args.get(0);
        return row -> a.eval(row) != null;
      }
      case IS_TRUE: {
        Expr a = args.get(0);
        return row -> Boolean.TRUE.equals(a.eval(row));
      }
      case IS_NOT_TRUE: {
        Expr a = args.get(0);
        return row -> !Boolean.TRUE.equals(a.eval(row));
      }
      case PLUS: return arithmetic('+', args, result);
      case MINUS: return arithmetic('-', args, result);
      case TIMES: return arithmetic('*', args, result);
      case DIVIDE: return arithmetic('/', args, result);
      case MOD: return arithmetic('%', args, result);
      case MINUS_PREFIX: {
        Expr a = args.get(0);
        return row -> {
          Object v = a.eval(row);
          return v == null ? null : Values.coerce(Values.arithmetic('-', 0L, (Number) v), result);
        };
      }
      case CAST: {
        Expr a = args.get(0);
        if (result == SqlType.VARCHAR && SqlTypes.of(call.getOperands().get(0).getType()) == SqlType.TIMESTAMP) {
          return row -> {
            Object millis = a.eval(row);
            return millis == null ? null : Values.timestampText((Long) millis);
          };
        }
        return row -> Values.coerce(a.eval(row), result);
      }
      case CASE: return caseWhen(args, result);
      default:
        return function(call, args, result);
    }
  }

  private static Expr function(RexCall call, List<Expr> args, SqlType result) {
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    switch (name) {
      case "UPPER": return string(args.get(0), s -> s.toUpperCase(Locale.ROOT));
      case "LOWER": return string(args.get(0), s -> s.toLowerCase(Locale.ROOT));
      case "CHAR_LENGTH", "CHARACTER_LENGTH": {
        Expr a = args.get(0);
        return row -> {
          Object v = a.eval(row);
          return v == null ? null : ((String) v).length();
        };
      }
      case "TRIM": {
        // TRIM(BOTH ' ' FROM s): Calcite passes the flag, the characters to remove, the string.
        Expr flag = args.get(0);
        Expr chars = args.get(1);
        Expr text = args.get(2);
        return row -> trim((String) flag.eval(row), (String) chars.eval(row), (String) text.eval(row));
      }
      case "||":
        return binary(args, (x, y) -> x == null || y == null ? null : x.toString() + y);
      case "SUBSTRING": {
        Expr s = args.get(0);
        Expr from = args.get(1);
        Expr length = args.size() > 2 ? args.get(2) : null;
        return row -> substring(s.eval(row), from.eval(row), length == null ? null : length.eval(row), length != null);
      }
      case "LIKE", "NOT LIKE": {
        Expr text = args.get(0);
        Expr pattern = args.get(1);
        Expr escape = args.size() > 2 ? args.get(2) : row -> null;
        boolean negated = name.startsWith("NOT");
        // A literal pattern (the usual case) is compiled once, here; a pattern read from the rows, per row
        // (no cache: patterns from data could fill it without bound). A bad literal pattern still
        // fails where it did, when a row is matched.
        java.util.regex.Pattern fixed = null;
        if (call.getOperands().stream().skip(1).allMatch(RexLiteral.class::isInstance) && pattern.eval(null) != null) {
          try {
            fixed = like((String) pattern.eval(null), (String) escape.eval(null));
          } catch (IllegalArgumentException badPattern) {
            fixed = null;
          }
        }
        java.util.regex.Pattern compiled = fixed;
        return row -> {
          Object t = text.eval(row);
          Object p = pattern.eval(row);
          if (t == null || p == null) {
            return null;
          }
          java.util.regex.Pattern regex = compiled != null ? compiled : like((String) p, (String) escape.eval(row));
          return regex.matcher((String) t).matches() != negated;
        };
      }
      default:
        throw new UnsupportedSqlException("the function or operator " + call.getOperator().getName()
            + " (in " + call + ")");
    }
  }

  /** SQL's LIKE pattern ({@code %} any characters, {@code _} one, {@code escape} quoting them) as a regex. */
  static java.util.regex.Pattern like(String pattern, String escape) {
    if (escape != null && escape.length() != 1) {
      throw new IllegalArgumentException("SQL: a LIKE escape is one character, not '" + escape + "'");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escape.charAt(0)) {
        if (++i == pattern.length()) {
          throw new IllegalArgumentException("SQL: LIKE pattern '" + pattern + "' ends with its escape");
        }
        regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL);
  }

  private static Object trim(String flag, String chars, String text) {
    if (chars == null || text == null) {
      return null;
    }
    int start = 0;
    int end = text.length();
    if (!flag.equals("TRAILING")) {
      while (start < end && chars.indexOf(text.charAt(start)) >= 0) {
        start++;
      }
    }
    if (!flag.equals("LEADING")) {
      while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return text.substring(start, end);
  }

  private static Object substring(Object s, Object from, Object length, boolean hasLength) {
    if (s == null || from == null || (hasLength && length == null)) {
      return null;
    }
    String text = (String) s;
    long start = ((Number) from).longValue() - 1; // SQL counts from 1
    long end = hasLength ? start + ((Number) length).longValue() : text.length();
    int begin = (int) Math.max(0, Math.min(start, text.length()));
    int stop = (int) Math.max(begin, Math.min(end, text.length()));
    return text.substring(begin, stop);
  }

  @FunctionalInterface
  private interface StringFn extends java.io.Serializable {
    String apply(String s);
  }

  private static Expr string(Expr a, StringFn fn) {
    return row -> {
      Object v = a.eval(row);
      return v == null ? null : fn.apply((String) v);
    };
  }

  @FunctionalInterface
  private interface Outcome extends java.io.Serializable {
    boolean of(int comparison);
  }

  private static Expr compare(List<Expr> args, Outcome outcome) {
    return binary(args, (x, y) -> x == null || y == null ? null : outcome.of(Values.compare(x, y)));
  }

  /** AND ({@code decisive} false) or OR ({@code decisive} true): one decisive operand decides; else NULL wins. */
  private static Expr logic(List<Expr> args, boolean decisive) {
    Expr[] all = args.toArray(new Expr[0]);
    return row -> {
      boolean sawNull = false;
      for (Expr e : all) {
        Object v = e.eval(row);
        if (v == null) {
          sawNull = true;
        } else if ((Boolean) v == decisive) {
          return decisive;
        }
      }
      return sawNull ? null : !decisive;
    };
  }

  private static Expr arithmetic(char op, List<Expr> args, SqlType result) {
    return binary(args,
        (x, y) -> x == null || y == null ? null : Values.coerce(Values.arithmetic(op, (Number) x, (Number) y), result));
  }

  /** CASE WHEN c1 THEN v1 [WHEN ...] ELSE e END, as Calcite lists it: c1, v1, ..., e. */
  private static Expr caseWhen(List<Expr> args, SqlType result) {
    Expr[] all = args.toArray(new Expr[0]);
    return row -> {
      for (int i = 0; i + 1 < all.length; i += 2) {
        if (Boolean.TRUE.equals(all[i].eval(row))) {
          return Values.coerce(all[i + 1].eval(row), result);
        }
      }
      return all.length % 2 == 1 ? Values.coerce(all[all.length - 1].eval(row), result) : null;
    };
  }
}
