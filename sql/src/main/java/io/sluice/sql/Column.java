package io.sluice.sql;

import java.io.Serializable;
import java.util.Objects;

/** A named, typed column of a {@link Schema}. */
public record Column(String name, SqlType type) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
