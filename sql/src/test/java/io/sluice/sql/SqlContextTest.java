package io.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.RDD;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queries over RDD tables on local[2], checked against answers computed by hand. One context for the class. */
class SqlContextTest {
  public record Sale(String shop, String item, int qty, Double price) implements java.io.Serializable {}

  public record Shop(String shop, String city) implements java.io.Serializable {}

  private static SluiceContext sc;
  private static SqlContext sql;

  private static final List<Sale> SALES = List.of(
      new Sale("north", "apple", 3, 0.5),
      new Sale("north", "pear", 1, 0.75),
      new Sale("south", "apple", 5, 0.5),
      new Sale("south", "plum", 2, null),
      new Sale("east", "apple", 4, 0.25),
      new Sale(null, "fig", 7, 1.5));

  @BeforeAll
  static void start() {
    sc = new SluiceContext(new SluiceConf().setMaster("local[2]").setAppName("sql-test"));
    sql = SqlContext.getOrCreate(sc);
    sql.register("sales", sc.parallelize(SALES, 3), Sale.class);
    sql.register("shops", sc.parallelize(List.of(new Shop("north", "Oslo"), new Shop("south", "Rome"),
        new Shop("west", "Lima")), 2), Shop.class);
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  /** The rows as sorted strings, for results without ORDER BY. */
  private static List<String> rows(String query) {
    return sql.sql(query).collect().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  private static List<String> orderedRows(String query) {
    return sql.sql(query).collect().stream().map(Row::toString).collect(Collectors.toList());
  }

  @Test
  void getOrCreateGivesTheSameContextEachTime() {
    assertTrue(SqlContext.getOrCreate(sc) == sql);
  }

  @Test
  void groupByCountsAndSumsPerGroupWithNullAsItsOwnGroup() {
    assertEquals(List.of("[east, 1, 4]", "[north, 2, 4]", "[null, 1, 7]", "[south, 2, 7]"),
        rows("select shop, count(*) as n, sum(qty) as total from sales group by shop"));
    RDD<Row> result = sql.sql("select shop, count(*) as n from sales group by shop");
    assertEquals(List.of("shop", "n"), result.first().schema().columns().stream().map(Column::name).toList());
    assertEquals(SqlType.BIGINT, result.first().schema().columns().get(1).type());
  }

  @Test
  void whereProjectionAndExpressionsFollowSqlNullLogic() {
    assertEquals(List.of("[APPLE, 1.0, big]", "[APPLE, 1.5, big]", "[APPLE, 2.5, big]", "[PEAR, 0.75, low]",
        "[PLUM, null, low]"),
        rows("select upper(item), qty * price, case when qty >= 3 then 'big' else 'low' end "
            + "from sales where shop is not null"));
    // price > 0.55 is NULL for plum: not kept, and neither is it by NOT.
    assertEquals(List.of("[fig, 7]", "[pear, 1]"), rows("select item, qty from sales where price > 0.55"));
    assertEquals(List.of("[apple, 3]", "[apple, 4]", "[apple, 5]"),
        rows("select item, qty from sales where not (price > 0.55)"));
    assertEquals(List.of("[north-apple, 3]"),
        rows("select shop || '-' || item, cast(qty as bigint) from sales where shop = 'north' and char_length(item) = 5"));
  }

  @Test
  void aggregatesIgnoreNullsAndAWholeTableAggregateHasOneRowEvenWhenEmpty() {
    assertEquals(List.of("[6, 5, 22, 1, 7, 3, 0.7]"),
        rows("select count(*), count(price), sum(qty), min(qty), max(qty), avg(qty), avg(price) from sales"));
    assertEquals(List.of("[0, null]"), rows("select count(*), sum(qty) from sales where qty > 100"));
  }

  @Test
  void havingOrderByAndLimit() {
    assertEquals(List.of("[apple, 12]", "[fig, 7]"),
        orderedRows("select item, sum(qty) as total from sales group by item having sum(qty) > 2 "
            + "order by total desc limit 2"));
    assertEquals(List.of("[apple, 5]", "[apple, 4]"),
        orderedRows("select item, qty from sales order by qty desc limit 2 offset 1"));
    assertEquals(List.of("[null, fig]", "[east, apple]", "[north, apple]", "[north, pear]", "[south, apple]",
        "[south, plum]"), orderedRows("select shop, item from sales order by shop nulls first, item"));
  }

  @Test
  void joinsAsShuffleJoinsInnerAndOuterWithNullKeysMatchingNothing() {
    assertEquals(List.of("[Oslo, apple]", "[Oslo, pear]", "[Rome, apple]", "[Rome, plum]"),
        rows("select c.city, s.item from sales s join shops c on s.shop = c.shop"));
    assertEquals(List.of("[east, null]", "[north, Oslo]", "[north, Oslo]", "[null, null]", "[south, Rome]",
        "[south, Rome]"), rows("select s.shop, c.city from sales s left join shops c on s.shop = c.shop"));
    assertEquals(List.of("[Lima, 0]", "[Oslo, 2]", "[Rome, 2]"),
        rows("select c.city, count(s.item) from shops c left join sales s on s.shop = c.shop group by c.city"));
    assertEquals(7, rows("select s.item, c.city from sales s full join shops c on s.shop = c.shop").size());
  }

  @Test
  void unionAllAndSubqueries() {
    assertEquals(List.of("[east]", "[north]", "[north]", "[null]", "[south]", "[south]", "[west]"),
        rows("select shop from sales union all select shop from shops where city = 'Lima'"));
    assertEquals(List.of("[apple, 4]", "[apple, 5]", "[fig, 7]"),
        rows("select item, qty from sales where qty > (select avg(qty) from sales)"));
    assertEquals(List.of("[apple]", "[apple]", "[pear]", "[plum]"),
        rows("select item from sales where shop in (select shop from shops)"));
  }

  @Test
  void errorsNameTheLineAndColumnOrTheConstruct() {
    SluiceException syntax = assertThrows(SluiceException.class, () -> sql.sql("select item\nfrom sales whre qty > 1"));
    assertTrue(syntax.getMessage().startsWith("SQL syntax error at line 2, column"), syntax.getMessage());
    SluiceException unknown = assertThrows(SluiceException.class, () -> sql.sql("select colour from sales"));
    assertTrue(unknown.getMessage().contains("line 1, column 8") && unknown.getMessage().contains("colour"),
        unknown.getMessage());
    SluiceException unsupported = assertThrows(SluiceException.class,
        () -> sql.sql("select item, rank() over (order by qty) from sales"));
    assertTrue(unsupported.getMessage().startsWith("SQL: ") && unsupported.getMessage().contains("not supported"),
        unsupported.getMessage());
  }

  @Test
  void inListsBetweenAndStringFunctions() {
    assertEquals(List.of("[apple]", "[apple]", "[plum]"),
        rows("select item from sales where qty between 2 and 4 and item in ('apple', 'plum')"));
    assertEquals(List.of("[ppl, x]"),
        rows("select substring(item, 2, 3), trim('  x ') from sales where item = 'apple' and shop = 'north'"));
    // LIKE: % any run, _ one character, an escape for a literal % or _; NULL stays NULL.
    assertEquals(List.of("[fig]", "[pear]", "[plum]"), rows("select item from sales where item like '%_i_' or item like 'p%'"));
    assertEquals(List.of("[apple, false]", "[apple, false]", "[apple, false]"),
        rows("select item, item like 'a%!%' escape '!' from sales where item not like '%l_m' and item not like '%r' "
            + "and item <> 'fig'"));
    assertEquals(List.of("[null]"), rows("select shop like 'n%' from sales where shop is null"));
  }

  @Test
  void countDistinctAloneAndMixedWithOtherAggregates() {
    assertEquals(List.of("[4]"), rows("select count(distinct item) from sales"));
    // Per shop (null is a group of its own): distinct items and total quantity.
    assertEquals(List.of("[east, 1, 4]", "[north, 2, 4]", "[null, 1, 7]", "[south, 2, 7]"),
        rows("select shop, count(distinct item), sum(qty) from sales group by shop"));
    // Four distinct prices (0.5, 0.75, 0.25, 1.5; the null is not counted), with the row count.
    assertEquals(List.of("[4, 6]"), rows("select count(distinct price), count(*) from sales"));
    // Grouped by the distinct column itself: the NULL item's group has no distinct item but rows.
    // (Calcite joins the distinct part back with IS NOT DISTINCT FROM, so NULL keys must match there.)
    sql.register("more", sc.parallelize(List.of(new Sale("a", null, 1, 1.0), new Sale("a", null, 2, 1.0),
        new Sale("a", "x", 3, null)), 2), Sale.class);
    assertEquals(List.of("[a, null, 0, 1]", "[a, x, 1, 3]"), // integer AVG truncates, as Calcite's
        rows("select shop, item, count(distinct item), avg(qty) from more group by shop, item having count(*) > 0"));
    assertEquals(List.of("[a]"), rows("select 'a' from sales where shop is not distinct from null"));
  }

  @Test
  void rowsWithAnExplicitSchema() {
    Schema schema = Schema.of(new Column("k", SqlType.VARCHAR), new Column("v", SqlType.BIGINT));
    sql.register("kv", sc.parallelize(new ArrayList<>(Arrays.asList(new Row(schema, "a", 1L), new Row(schema, "a", 2L),
        new Row(schema, "b", null))), 2), schema);
    assertEquals(List.of("[a, 3]", "[b, null]"), rows("select k, sum(v) from kv group by k"));
  }

  public record Visit(String page, java.time.Instant seen) implements java.io.Serializable {}

  @Test
  void timestampsAreInstantsInRowsAndCompareCastAndAggregateInQueries() {
    java.time.Instant noon = java.time.Instant.parse("2026-12-04T12:00:00Z");
    sql.register("visits", sc.parallelize(List.of(new Visit("a", noon), new Visit("a", noon.plusMillis(1500)),
        new Visit("b", noon.minusSeconds(60)), new Visit("b", null)), 2), Visit.class);
    assertEquals(List.of("[a, 2026-12-04 12:00:01.5]", "[b, 2026-12-04 11:59:00]"),
        rows("select page, cast(max(seen) as varchar) from visits group by page"));
    assertEquals(List.of("[a]", "[a]"), rows("select page from visits where seen >= timestamp '2026-12-04 12:00:00'"));
    Row first = sql.sql("select min(seen) from visits").collect().get(0);
    assertEquals(noon.minusSeconds(60), first.getTimestamp(0));
    assertEquals(SqlType.TIMESTAMP, first.schema().columns().get(0).type());
  }
}
