package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesNestedValuesWithCommasAndEscapes() {
    String json = new JsonWriter().beginObject()
        .name("s").value("q\" b\\ n\n t\t c\u0001 \u2028 é")
        .name("n").value(-3)
        .name("d").value(1.5)
        .name("nan").value(Double.NaN)
        .name("b").value(true)
        .name("none").value((String) null)
        .name("a").beginArray().value(1).beginObject().endObject().beginArray().endArray().endArray()
        .endObject().toJson();
    assertEquals("{\"s\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 \\u2028 é\",\"n\":-3,\"d\":1.5,\"nan\":null,\"b\":true,"
        + "\"none\":null,\"a\":[1,{},[]]}", json);
  }

  @Test
  void rejectsMalformedNesting() {
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toJson());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
  }
}
