/**
 * SQL over the records of an RDD or of each batch of a stream: tables registered on a
 * {@link io.sluice.sql.SqlContext}, queries planned by Apache Calcite and run as Sluice RDD operations.
 */
package io.sluice.sql;
