package io.sluice.sql;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row of a query's result: values by position, or by column name through its {@link Schema}.
 * SQL NULL is Java null. Immutable.
 */
public final class Row implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Schema schema;
  private final Object[] values;

  public Row(Schema schema, Object... values) {
    if (values.length != schema.size()) {
      throw new IllegalArgumentException("A row of " + schema + " needs " + schema.size() + " values, got "
          + values.length);
    }
    this.schema = schema;
    this.values = values.clone();
  }

  public Schema schema() {
    return schema;
  }

  public int size() {
    return values.length;
  }

  public Object get(int i) {
    return values[i];
  }

  public Object get(String column) {
    return values[schema.indexOf(column)];
  }

  public boolean isNull(int i) {
    return values[i] == null;
  }

  public String getString(int i) {
    return (String) values[i];
  }

  /** The value as a long (an INTEGER or BIGINT column); an error on NULL. */
  public long getLong(int i) {
    return ((Number) Objects.requireNonNull(values[i], () -> "column " + i + " is NULL")).longValue();
  }

  public int getInt(int i) {
    return ((Number) Objects.requireNonNull(values[i], () -> "column " + i + " is NULL")).intValue();
  }

  public double getDouble(int i) {
    return ((Number) Objects.requireNonNull(values[i], () -> "column " + i + " is NULL")).doubleValue();
  }

  public boolean getBoolean(int i) {
    return (Boolean) Objects.requireNonNull(values[i], () -> "column " + i + " is NULL");
  }

  /** The value of a TIMESTAMP column; an error on NULL. */
  public java.time.Instant getTimestamp(int i) {
    return (java.time.Instant) Objects.requireNonNull(values[i], () -> "column " + i + " is NULL");
  }

  /** The values in column order. */
  public List<Object> values() {
    return java.util.Collections.unmodifiableList(Arrays.asList(values.clone()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** {@code [a, 1, null]}: the values only, as Spark prints a row. */
  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
