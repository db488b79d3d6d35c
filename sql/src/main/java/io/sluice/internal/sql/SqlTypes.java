package io.sluice.internal.sql;

import io.sluice.sql.SqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/** Calcite's types as Sluice's column types, and back. */
final class SqlTypes {
  private SqlTypes() {}

  /** The column type of values of {@code type}, or an error naming the type Sluice cannot run. */
  static SqlType of(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case CHAR, VARCHAR -> SqlType.VARCHAR;
      case TINYINT, SMALLINT, INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case DECIMAL, FLOAT, REAL, DOUBLE -> SqlType.DOUBLE;
      case BOOLEAN -> SqlType.BOOLEAN;
      case TIMESTAMP -> SqlType.TIMESTAMP;
      default -> throw new UnsupportedSqlException("values of type " + type.getFullTypeString());
    };
  }

  static SqlTypeName calcite(SqlType type) {
    return switch (type) {
      case VARCHAR -> SqlTypeName.VARCHAR;
      case INTEGER -> SqlTypeName.INTEGER;
      case BIGINT -> SqlTypeName.BIGINT;
      case DOUBLE -> SqlTypeName.DOUBLE;
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      case TIMESTAMP -> SqlTypeName.TIMESTAMP;
    };
  }
}
