package io.sluice.internal.sql;

import io.sluice.core.SluiceException;

/** A construct Calcite accepts but Sluice cannot run; thrown by {@code sql()}, naming the construct. */
final class UnsupportedSqlException extends SluiceException {
  private static final long serialVersionUID = 1L;

  UnsupportedSqlException(String construct) {
    super("SQL: " + construct + " is not supported");
  }
}
