package io.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A differential test: generated queries over two generated tables with NULLs, each run by Sluice
 * on local[2] and by Calcite's own enumerable engine (the oracle) over the same rows, compared as
 * multisets (as lists for ORDER BY ... LIMIT, which orders by every selected column so that the
 * rows kept are determined). Kinds: projections with WHERE, GROUP BY with HAVING, joins of all four
 * kinds (and grouped), ORDER BY with LIMIT (and over groups), UNION ALL, and subqueries (IN, EXISTS,
 * scalar) that Calcite decorrelates.
 */
class CalciteOracleTest {
  public record Item(String shop, String item, Integer qty, Double price) implements java.io.Serializable {}

  public record Shop(String shop, String city) implements java.io.Serializable {}

  /** Table s: shops with a city; east's is NULL, west has no items, and one shop is NULL. */
  private static final List<Shop> SHOP_ROWS = List.of(new Shop("north", "Oslo"), new Shop("south", "Rome"),
      new Shop("west", "Lima"), new Shop("east", null), new Shop(null, "Nowhere"), new Shop("south", "Bari"));

  private static final String[] SHOPS = {"north", "south", "east", null};
  private static final String[] ITEMS = {"apple", "pear", "plum", "fig", null};

  /** Queries per run (about 0.1 s a query in CI, most of it Calcite's code generation for the oracle). */
  private static final int QUERIES = 300;

  private static SluiceContext sc;
  private static SqlContext sql;
  private static Connection oracle;
  private static final List<Item> ROWS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Random random = new Random(17);
    for (int i = 0; i < 200; i++) {
      ROWS.add(new Item(SHOPS[random.nextInt(SHOPS.length)], ITEMS[random.nextInt(ITEMS.length)],
          random.nextInt(6) == 0 ? null : random.nextInt(10) - 2,
          random.nextInt(5) == 0 ? null : random.nextInt(8) * 0.25));
    }
    sc = new SluiceContext(new SluiceConf().setMaster("local[2]").setAppName("sql-oracle-test"));
    sql = SqlContext.getOrCreate(sc);
    sql.register("t", sc.parallelize(ROWS, 3), Item.class);
    sql.register("s", sc.parallelize(SHOP_ROWS, 2), Shop.class);
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    oracle = DriverManager.getConnection("jdbc:calcite:", properties);
    oracle.unwrap(CalciteConnection.class).getRootSchema().add("t", new RowsTable());
    oracle.unwrap(CalciteConnection.class).getRootSchema().add("s", new ShopsTable());
  }

  @AfterAll
  static void stop() throws Exception {
    oracle.close();
    sc.close();
  }

  /** The same rows for Calcite's engine, with the column types Sluice gives the record's components. */
  private static final class RowsTable extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder()
          .add("shop", nullable(types, SqlTypeName.VARCHAR))
          .add("item", nullable(types, SqlTypeName.VARCHAR))
          .add("qty", nullable(types, SqlTypeName.INTEGER))
          .add("price", nullable(types, SqlTypeName.DOUBLE))
          .build();
    }

    static RelDataType nullable(RelDataTypeFactory types, SqlTypeName name) {
      return types.createTypeWithNullability(types.createSqlType(name), true);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      for (Item item : ROWS) {
        rows.add(new Object[] {item.shop(), item.item(), item.qty(), item.price()});
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  /** Table s for Calcite's engine. */
  private static final class ShopsTable extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder()
          .add("shop", RowsTable.nullable(types, SqlTypeName.VARCHAR))
          .add("city", RowsTable.nullable(types, SqlTypeName.VARCHAR))
          .build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      for (Shop shop : SHOP_ROWS) {
        rows.add(new Object[] {shop.shop(), shop.city()});
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  private static final String[] PREDICATES = {
    "qty > 3", "qty <= 0", "price < 1.0", "shop = 'north'", "shop is null", "price is null or qty > 5",
    "not (qty between 1 and 4)", "item in ('apple', 'fig')", "shop <> 'east' and price >= 0.5",
    "upper(item) = 'PEAR'", "qty * 2 + 1 > 7", "case when qty > 2 then price else 0 end > 0.5"};
  private static final String[] EXPRESSIONS = {
    "shop", "item", "qty", "price", "qty + 1", "qty * price", "coalesce(shop, 'none')",
    "case when price is null then -1 else qty end", "char_length(item)", "item || '-' || shop",
    "cast(qty as bigint)", "qty - 3"};
  private static final String[] GROUP_KEYS = {"shop", "item", "qty", "shop, item"};
  private static final String[] AGGREGATES = {
    "count(*)", "count(price)", "sum(qty)", "min(price)", "max(item)", "sum(price)", "max(qty)",
    "count(distinct item)", "min(shop)", "avg(qty)", "avg(price)"};
  private static final String[] JOINS = {"join", "left join", "right join", "full join"};
  /** Predicates on t joined with s (columns qualified). */
  private static final String[] JOIN_PREDICATES = {
    "t.qty > 2", "s.city is not null", "t.price is null or s.city = 'Rome'", "t.item <> 'fig'",
    "coalesce(t.shop, s.shop) <> 'east'"};
  private static final String[] SUBQUERY_PREDICATES = {
    "shop in (select shop from s where city <> 'Oslo')",
    "shop not in (select shop from s where shop is not null and city is not null)",
    "exists (select 1 from s where s.shop = t.shop and s.city like '%o%')",
    "not exists (select 1 from s where s.shop = t.shop)",
    "qty > (select avg(qty) from t)",
    "price >= (select max(price) from t t2 where t2.item = t.item) - 0.5"};
  /** Column lists to sort by all of (with random directions), so ORDER BY ... LIMIT keeps determined rows. */
  private static final String[] SORTED_COLUMNS = {"shop, item", "qty, price", "item, qty, shop", "price, shop"};

  /** One generated query, and whether its rows come in a determined order. */
  private record Query(String text, boolean ordered) {}

  private static Query generate(Random random) {
    return switch (random.nextInt(8)) {
      case 0, 1 -> new Query(selectQuery(random), false);
      case 2, 3 -> new Query(groupQuery(random), false);
      case 4 -> new Query(joinQuery(random), false);
      case 5 -> orderedQuery(random);
      case 6 -> new Query(unionQuery(random), false);
      default -> new Query(subqueryQuery(random), false);
    };
  }

  @Test
  void generatedQueriesGiveWhatCalcitesOwnEngineGives() throws Exception {
    Random random = new Random(42);
    int withRows = 0;
    long sluiceNanos = 0;
    long oracleNanos = 0;
    for (int i = 0; i < QUERIES; i++) {
      Query generated = generate(random);
      String query = generated.text();
      long start = System.nanoTime();
      List<String> expected = oracleRows(query, generated.ordered());
      long middle = System.nanoTime();
      List<String> actual = sluiceRows(query, generated.ordered());
      oracleNanos += middle - start;
      sluiceNanos += System.nanoTime() - middle;
      assertEquals(expected, actual, query);
      withRows += expected.isEmpty() ? 0 : 1;
    }
    System.out.printf("CalciteOracleTest: %d queries, %d with rows; Calcite %d ms, Sluice %d ms%n",
        QUERIES, withRows, oracleNanos / 1_000_000, sluiceNanos / 1_000_000);
    // Empty results on both sides would prove little: most queries must return rows.
    assertTrue(withRows > QUERIES / 2, withRows + " of " + QUERIES + " queries returned rows");
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String selectQuery(Random random) {
    return "select " + pick(random, EXPRESSIONS) + ", " + pick(random, EXPRESSIONS) + " from t where "
        + pick(random, PREDICATES);
  }

  private static String groupQuery(Random random) {
    String keys = pick(random, GROUP_KEYS);
    String having = random.nextInt(3) == 0 ? " having count(*) > 3" : "";
    return "select " + keys + ", " + pick(random, AGGREGATES) + ", " + pick(random, AGGREGATES) + " from t"
        + (random.nextBoolean() ? " where " + pick(random, PREDICATES) : "") + " group by " + keys + having;
  }

  private static String joinQuery(Random random) {
    String join = pick(random, JOINS);
    if (random.nextBoolean()) {
      return "select s.city, count(*), sum(t.qty), count(t.item) from t " + join + " s on t.shop = s.shop"
          + " group by s.city";
    }
    return "select t.item, s.city, t.qty, s.shop from t " + join + " s on t.shop = s.shop where "
        + pick(random, JOIN_PREDICATES);
  }

  private static Query orderedQuery(Random random) {
    String limit = " limit " + (1 + random.nextInt(12)) + (random.nextInt(3) == 0 ? " offset 2" : "");
    if (random.nextBoolean()) {
      String key = pick(random, GROUP_KEYS);
      return new Query("select " + key + ", count(*) as n from t group by " + key + " order by n "
          + direction(random) + ", " + key.replace(",", " " + direction(random) + ",") + " " + direction(random)
          + limit, true);
    }
    String columns = pick(random, SORTED_COLUMNS);
    StringBuilder order = new StringBuilder();
    for (String column : columns.split(", ")) {
      order.append(order.length() == 0 ? "" : ", ").append(column).append(' ').append(direction(random));
    }
    return new Query("select " + columns + " from t where " + pick(random, PREDICATES) + " order by " + order
        + limit, true);
  }

  private static String direction(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "desc";
      case 1 -> "asc nulls first";
      case 2 -> "desc nulls last";
      default -> "asc";
    };
  }

  private static String unionQuery(Random random) {
    return "select shop, qty from t where " + pick(random, PREDICATES) + " union all select city, 0 from s"
        + (random.nextBoolean() ? " union all select item, qty from t where " + pick(random, PREDICATES) : "");
  }

  private static String subqueryQuery(Random random) {
    return "select item, shop, qty from t t where " + pick(random, SUBQUERY_PREDICATES);
  }

  private static List<String> sluiceRows(String query, boolean ordered) {
    List<String> rows = new ArrayList<>();
    for (Row row : sql.sql(query).collect()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(normalize(row.get(i)));
      }
      rows.add(values.toString());
    }
    if (!ordered) {
      rows.sort(null);
    }
    return rows;
  }

  private static List<String> oracleRows(String query, boolean ordered) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement statement = oracle.createStatement(); ResultSet result = statement.executeQuery(query)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(normalize(result.getObject(i)));
        }
        rows.add(values.toString());
      }
    }
    if (!ordered) {
      rows.sort(null);
    }
    return rows;
  }

  /** Numbers compared by value whatever their Java type (the JDBC side may widen them). */
  private static String normalize(Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
    return String.valueOf(value);
  }
}
