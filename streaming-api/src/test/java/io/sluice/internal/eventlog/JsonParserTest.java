package io.sluice.internal.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.internal.ui.JsonWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser reads back what JsonWriter writes, and refuses what is cut short. */
class JsonParserTest {

  @Test
  void readsBackWhatTheWriterWrote() {
    String weird = "quote \" backslash \\ newline \n tab \t control \u0001 line-sep \u2028 é";
    String json = new JsonWriter().beginObject()
        .name("s").value(weird)
        .name("n").value(-1700000000123L)
        .name("d").value(1.5)
        .name("t").value(true)
        .name("nil").nullValue()
        .name("list").beginArray().value(1).beginObject().endObject().beginArray().endArray().endArray()
        .endObject().toJson();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", weird);
    expected.put("n", -1700000000123L);
    expected.put("d", 1.5);
    expected.put("t", true);
    expected.put("nil", null);
    expected.put("list", Arrays.asList(1L, Map.of(), List.of()));
    assertEquals(expected, JsonParser.parse(json));
    assertEquals(List.of(1L, "a"), JsonParser.parse(" [ 1 , \"\\u0061\" ] "));
  }

  @Test
  void refusesTruncatedAndTrailingText() {
    String line = "{\"event\":\"BatchCompleted\",\"time\":12,\"batch\":{\"batchTime\":1000}}";
    for (int cut = 1; cut < line.length(); cut++) {
      String prefix = line.substring(0, cut);
      assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(prefix), prefix);
    }
    assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("{} {}"));
    assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("{\"a\":tru}"));
  }
}
