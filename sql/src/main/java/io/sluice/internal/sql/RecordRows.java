package io.sluice.internal.sql;

import io.sluice.api.function.Function;
import io.sluice.core.SluiceException;
import io.sluice.sql.Row;
import io.sluice.sql.Schema;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.ConcurrentHashMap;

/** Records (and users' {@link Row}s) as the rows queries work on, and query results as Rows. */
@SuppressWarnings("serial") // its serializable lambda calls a private helper: nothing to hide
public final class RecordRows {
  private static final ConcurrentHashMap<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

  private RecordRows() {}

  /** The function (serializable, run by tasks) that turns a {@code type} record into its row. */
  public static <T extends Record> Function<T, Object[]> of(Class<T> type) {
    accessors(type); // fails here, on the driver, for a record whose accessors cannot be called
    return record -> {
      Method[] accessors = accessors(type);
      Object[] row = new Object[accessors.length];
      for (int i = 0; i < accessors.length; i++) {
        row[i] = Values.internal(accessors[i].invoke(record));
      }
      return row;
    };
  }

  /**
   * {@code rows} followed by {@link BatchWindow#BATCH_TIME}: the rows of a stream table from the
   * batch of time {@code batchTime}.
   */
  public static <T> Function<T, Object[]> withBatchTime(Function<T, Object[]> rows, long batchTime) {
    return record -> {
      Object[] row = rows.call(record);
      Object[] withTime = java.util.Arrays.copyOf(row, row.length + 1);
      withTime[row.length] = batchTime;
      return withTime;
    };
  }

  /** The function that turns a user's {@link Row} of {@code width} values into its row; {@code what} names the table. */
  public static Function<Row, Object[]> ofRows(String what, int width) {
    return row -> {
      if (row.size() != width) {
        throw new SluiceException("A row of " + what + " has " + row.size() + " values, its schema " + width);
      }
      return fromRow(row);
    };
  }

  /** {@code values} (as queries hold them) as a row of {@code schema} (as users see it). */
  public static Row toRow(Schema schema, Object[] values) {
    Object[] external = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      external[i] = Values.external(values[i], schema.columns().get(i).type());
    }
    return new Row(schema, external);
  }

  /** A user's row as queries hold its values. */
  private static Object[] fromRow(Row row) {
    Object[] values = row.values().toArray();
    for (int i = 0; i < values.length; i++) {
      values[i] = Values.internal(values[i]);
    }
    return values;
  }

  private static Method[] accessors(Class<?> type) {
    return ACCESSORS.computeIfAbsent(type, t -> {
      RecordComponent[] components = t.getRecordComponents();
      Method[] methods = new Method[components.length];
      for (int i = 0; i < components.length; i++) {
        methods[i] = components[i].getAccessor();
        try {
          methods[i].setAccessible(true);
        } catch (RuntimeException e) {
          throw new SluiceException("SQL: cannot read component " + components[i].getName() + " of record "
              + t.getName() + " (make the record public): " + e.getMessage(), e);
        }
      }
      return methods;
    });
  }
}
