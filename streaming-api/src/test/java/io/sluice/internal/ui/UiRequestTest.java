package io.sluice.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query parameters as routes read them. */
class UiRequestTest {

  @Test
  void readsDecodedParametersAndKeepsTheQueryUnderAnotherPath() {
    UiRequest request = new UiRequest("/history/app-1/streaming/batch/", "id=1000&name=a%20b&flag");
    assertEquals(Optional.of("1000"), request.param("id"));
    assertEquals(Optional.of("a b"), request.param("name"));
    assertEquals(Optional.of(""), request.param("flag"));
    assertEquals(Optional.empty(), request.param("missing"));
    assertEquals(Optional.of("1000"), request.withPath("/streaming/batch/").param("id"));
    assertEquals(Optional.empty(), UiRequest.of("/").param("id"));
  }
}
