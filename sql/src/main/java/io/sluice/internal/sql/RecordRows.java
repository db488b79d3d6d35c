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
   * The function that turns a {@code type} record of the batch of time {@code batchTime} into its
   * row of a stream table: its components, then {@link BatchWindow#BATCH_TIME}.
   */
  public static <T extends Record> Function<T, Object[]> of(Class<T> type, long batchTime) {
    Function<T, Object[]> components = of(type);
    return record -> {
      Object[] row = components.call(record);
      Object[] withTime = java.util.Arrays.copyOf(row, row.length + 1);
      withTime[row.length] = batchTime;
      return withTime;
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
  public static Object[] fromRow(Row row) {
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
