package io.sluice.sql;

import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** The columns of a table or of a query's result, in order. */
public record Schema(List<Column> columns) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Schema {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("SQL: a schema needs at least one column");
    }
  }

  public static Schema of(Column... columns) {
    return new Schema(List.of(columns));
  }

  /** One column per component of {@code recordClass}, named and typed as the components. */
  public static Schema of(Class<? extends Record> recordClass) {
    List<Column> columns = new ArrayList<>();
    for (RecordComponent component : recordClass.getRecordComponents()) {
      columns.add(new Column(component.getName(), SqlType.of(component.getType())));
    }
    return new Schema(columns);
  }

  /** The position of the column named {@code name} (case-insensitive), or an error naming the columns. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No column '" + name + "' in " + this);
  }

  public int size() {
    return columns.size();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("(");
    for (Column column : columns) {
      text.append(text.length() > 1 ? ", " : "").append(column.name()).append(' ').append(column.type());
    }
    return text.append(')').toString();
  }
}
