package io.sluice.internal.sql;

import io.sluice.api.function.Function;
import io.sluice.core.SluiceException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.ConcurrentHashMap;

/** Records as rows of their components' values, in declaration order. */
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
        row[i] = accessors[i].invoke(record);
      }
      return row;
    };
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
