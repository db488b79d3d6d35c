package io.sluice.sql;

import io.sluice.api.function.Function;
import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.internal.sql.BatchWindow;
import io.sluice.internal.sql.QueryPlanner;
import io.sluice.internal.sql.QueryRunner;
import io.sluice.internal.sql.RecordRows;
import io.sluice.internal.sql.StreamTables;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * SQL over RDDs and streams. Register an RDD (or a stream) of records as a table, then query it:
 * {@link #sql} plans the query with Apache Calcite at once (syntax and validation errors name their
 * line and column; what Sluice cannot run is named too) and returns the result as an RDD computed
 * by tasks on the executors, like any other.
 *
 * <pre>{@code
 * words.foreachRDD(rdd -> {
 *   SqlContext sql = SqlContext.getOrCreate(rdd.context());
 *   sql.register("words", rdd.map(Word::new), Word.class);
 *   sql.sql("select word, count(*) as total from words group by word").collect().forEach(System.out::println);
 * });
 * }</pre>
 *
 * <p>Table and column names are case-insensitive. Thread-safe.
 */
public final class SqlContext {
  private static final Map<SluiceContext, SqlContext> BY_CONTEXT = new WeakHashMap<>();

  private final SluiceContext context;
  /** Tables by upper-case name: a schema, and the rows of an RDD table (null for a stream's). */
  private final Map<String, Schema> schemas = new LinkedHashMap<>();
  private final Map<String, RDD<Object[]>> rows = new LinkedHashMap<>();
  private final Map<String, DStream<Object[]>> streams = new LinkedHashMap<>();

  private SqlContext(SluiceContext context) {
    this.context = context;
  }

  /** The one SqlContext of {@code context}, created on first use (so it can be had inside foreachRDD). */
  public static SqlContext getOrCreate(SluiceContext context) {
    synchronized (BY_CONTEXT) {
      return BY_CONTEXT.computeIfAbsent(context, SqlContext::new);
    }
  }

  public SluiceContext context() {
    return context;
  }

  /** Registers (or replaces) table {@code name}: the records of {@code rdd}, one column per record component. */
  public <T extends Record> void register(String name, RDD<T> rdd, Class<T> type) {
    Schema schema = Schema.of(type);
    put(name, schema, rdd.map(RecordRows.of(type)), null);
  }

  /** Registers (or replaces) table {@code name}: rows of {@code schema}. */
  public void register(String name, RDD<Row> rdd, Schema schema) {
    put(name, schema, rdd.map(RecordRows.ofRows("table " + name, schema.size())), null);
  }

  /**
   * Registers (or replaces) stream table {@code name}: each batch of {@code stream} (or each window,
   * for a windowed stream), queried with {@link #sqlStream}. Its columns are the record's
   * components and {@code BATCH_TIME} (TIMESTAMP), the time of the batch a row arrived in (of the
   * window, for a stream windowed before it was registered): the column that {@code TUMBLE} and
   * {@code HOP} windows are over.
   */
  public <T extends Record> void register(String name, DStream<T> stream, Class<T> type) {
    put(name, withBatchTime(Schema.of(type), "record " + type.getName()), null,
        stream.transform((rdd, time) -> rdd.map(RecordRows.withBatchTime(RecordRows.of(type), time.milliseconds()))));
  }

  /** Registers (or replaces) stream table {@code name}: rows of {@code schema}, and {@code BATCH_TIME}. */
  public void register(String name, DStream<Row> stream, Schema schema) {
    Function<Row, Object[]> rows = RecordRows.ofRows("stream " + name, schema.size());
    put(name, withBatchTime(schema, "schema " + schema), null,
        stream.transform((rdd, time) -> rdd.map(RecordRows.withBatchTime(rows, time.milliseconds()))));
  }

  private static Schema withBatchTime(Schema schema, String what) {
    if (schema.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(BatchWindow.BATCH_TIME))) {
      throw new IllegalArgumentException("SQL: " + what + " has a column named " + BatchWindow.BATCH_TIME
          + ", the column every stream table gets: rename it");
    }
    List<Column> columns = new ArrayList<>(schema.columns());
    columns.add(new Column(BatchWindow.BATCH_TIME, SqlType.TIMESTAMP));
    return new Schema(columns);
  }

  public synchronized void dropTable(String name) {
    String key = key(name);
    schemas.remove(key);
    rows.remove(key);
    streams.remove(key);
  }

  private synchronized void put(String name, Schema schema, RDD<Object[]> tableRows, DStream<Object[]> stream) {
    String key = key(name);
    schemas.put(key, schema);
    rows.remove(key);
    streams.remove(key);
    if (tableRows != null) {
      rows.put(key, tableRows);
    } else {
      streams.put(key, stream);
    }
  }

  /** The result of {@code query} over the registered RDD tables. */
  public RDD<Row> sql(String query) {
    Map<String, Schema> tables;
    Map<String, RDD<Object[]>> data;
    synchronized (this) {
      tables = Map.copyOf(schemas);
      data = Map.copyOf(rows);
    }
    QueryPlanner.Plan plan = QueryPlanner.plan(query, tables);
    Schema schema = plan.schema();
    return QueryRunner.run(plan, data).map(values -> RecordRows.toRow(schema, values));
  }

  /**
   * The result of {@code query} batch by batch (window by window): it reads one or more registered
   * streams, each batch's rows of each, and may join them with RDD tables (looked up by name when
   * each batch runs, so a re-registered table is read anew). Planned now, so errors come at once,
   * and again for each batch on the driver. Streams read together must have the same slide (batch
   * interval, or window slide).
   *
   * <p>Windows in SQL: a query over {@code TABLE(TUMBLE(TABLE s, DESCRIPTOR(batch_time), size))} or
   * {@code TABLE(HOP(TABLE s, DESCRIPTOR(batch_time), slide, size))} runs every {@code slide}
   * (TUMBLE: every {@code size}) over the rows of the batches of the last {@code size}, with columns
   * {@code window_start} and {@code window_end} added: the same rows as {@code s.window(size, slide)}
   * gives, so sizes and slides are multiples of the batch interval. Such a query reads one stream.
   */
  public DStream<Row> sqlStream(String query) {
    Map<String, Schema> tables;
    Map<String, DStream<Object[]>> registered;
    synchronized (this) {
      tables = Map.copyOf(schemas);
      registered = Map.copyOf(streams);
    }
    QueryPlanner.Plan plan = QueryPlanner.plan(query, tables);
    List<String> streamTables = new ArrayList<>();
    List<String> rddTables = new ArrayList<>();
    Map<String, Schema> read = new LinkedHashMap<>();
    for (String table : QueryRunner.tablesRead(plan)) {
      (registered.containsKey(table) ? streamTables : rddTables).add(table);
      read.put(table, tables.get(table));
    }
    if (streamTables.isEmpty()) {
      throw new SluiceException("SQL: a stream query reads at least one registered stream; " + query + " reads "
          + read.keySet() + " (streams: " + registered.keySet() + "; query RDD tables with sql())");
    }
    BatchWindow window = BatchWindow.of(plan.root());
    if (window != null && streamTables.size() > 1) {
      throw new SluiceException("SQL: a query with TUMBLE or HOP reads one stream; " + query + " reads streams "
          + streamTables);
    }
    // Translated once now over empty tables (no job runs), so that what Sluice cannot run fails here,
    // not at the first batch.
    Map<String, RDD<Object[]>> empty = new java.util.HashMap<>();
    read.keySet().forEach(table -> empty.put(table, context.parallelize(List.<Object[]>of(), 1)));
    QueryRunner.run(plan, empty, 0L);
    DStream<Object[]> rows = StreamTables.together(streamTables, registered);
    if (window != null) {
      rows = rows.window(Durations.milliseconds(window.sizeMillis()), Durations.milliseconds(window.slideMillis()));
    }
    Map<String, Schema> planned = Map.copyOf(read);
    Schema resultSchema = plan.schema();
    return rows.transform((batch, time) -> {
      Map<String, RDD<Object[]>> data = new java.util.HashMap<>(StreamTables.apart(streamTables, batch));
      SqlContext current = getOrCreate(batch.context());
      for (String table : rddTables) {
        data.put(table, current.rddTable(table, planned.get(table)));
      }
      QueryPlanner.Plan again = QueryPlanner.plan(query, planned);
      return QueryRunner.run(again, data, time.milliseconds()).map(values -> RecordRows.toRow(resultSchema, values));
    });
  }

  /** The rows of registered RDD table {@code key}, of {@code schema}, or an error naming it. */
  private synchronized RDD<Object[]> rddTable(String key, Schema schema) {
    RDD<Object[]> table = rows.get(key);
    if (table == null) {
      throw new SluiceException("SQL: table " + key + ", read by a stream query, is no longer registered (a context"
          + " recovered from a checkpoint has none until the program registers them again)");
    }
    if (!schema.equals(schemas.get(key))) {
      throw new SluiceException("SQL: table " + key + ", read by a stream query, was registered again with other"
          + " columns: " + schemas.get(key) + " instead of " + schema);
    }
    return table;
  }

  private static String key(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("SQL: a table needs a name");
    }
    return name.toUpperCase(Locale.ROOT);
  }
}
