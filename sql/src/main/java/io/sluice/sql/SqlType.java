package io.sluice.sql;

/** The column types a table may have, with the Java class their values take in a {@link Row}. */
public enum SqlType {
  VARCHAR(String.class),
  INTEGER(Integer.class),
  BIGINT(Long.class),
  DOUBLE(Double.class),
  BOOLEAN(Boolean.class),
  /** A point in time, millisecond precision: {@link java.time.Instant} values (e.g. a stream table's BATCH_TIME). */
  TIMESTAMP(java.time.Instant.class);

  private final Class<?> javaClass;

  SqlType(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** The class of this type's values in a {@link Row} (null stays null). */
  public Class<?> javaClass() {
    return javaClass;
  }

  /** The SQL type of values of {@code type} (a record component's type), or an error naming it. */
  public static SqlType of(Class<?> type) {
    if (type == String.class) {
      return VARCHAR;
    } else if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
      return INTEGER;
    } else if (type == long.class || type == Long.class) {
      return BIGINT;
    } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return DOUBLE;
    } else if (type == boolean.class || type == Boolean.class) {
      return BOOLEAN;
    } else if (type == java.time.Instant.class) {
      return TIMESTAMP;
    }
    throw new IllegalArgumentException("SQL: no column type for Java type " + type.getName()
        + " (supported: String, int, long, double, boolean and their boxes, Instant)");
  }
}
