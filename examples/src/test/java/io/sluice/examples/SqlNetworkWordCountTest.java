package io.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.sql.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlNetworkWordCountTest {
  @Test
  void countsABatchsWordsWithSqlMostFrequentFirst() {
    try (SluiceContext sc = new SluiceContext(new SluiceConf().setMaster("local[2]").setAppName("sql-example"))) {
      List<SqlNetworkWordCount.Word> words = List.of("to", "be", "or", "not", "to", "be", "be").stream()
          .map(SqlNetworkWordCount.Word::new).toList();
      List<Row> counts = SqlNetworkWordCount.countWords(sc.parallelize(words, 2));
      assertEquals("[[be, 3], [to, 2], [not, 1], [or, 1]]", counts.toString());
    }
  }
}
