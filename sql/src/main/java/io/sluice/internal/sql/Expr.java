package io.sluice.internal.sql;

import java.io.Serializable;

/**
 * A compiled scalar expression, evaluated on executors against one row (an {@code Object[]} of
 * column values, SQL NULL as null). Calcite's own expression objects are not serializable and stay
 * on the driver; {@link ExprCompiler} turns them into these.
 */
@FunctionalInterface
interface Expr extends Serializable {
  Object eval(Object[] row);
}
