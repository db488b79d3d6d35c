package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserDriverTest {
  public static final class Succeeds {
    static volatile List<String> seen;

    public static void main(String[] args) {
      seen = List.of(args);
    }
  }

  public static final class Throws {
    public static void main(String[] args) {
      throw new IllegalStateException("batch 3 failed");
    }
  }

  public static final class NoMain {}

  @Test
  void runsMainWithTheArguments() throws Exception {
    DriverOutcome outcome = new UserDriver(Succeeds.class.getName(), List.of("a", "b c")).run();
    assertNull(outcome.failure());
    assertEquals(List.of("a", "b c"), Succeeds.seen);
  }

  @Test
  void aThrowingDriverIsARetryableFailureWithTheCause() throws Exception {
    DriverOutcome outcome = new UserDriver(Throws.class.getName(), List.of()).run();
    assertTrue(outcome.retryable());
    assertTrue(outcome.failure().contains("IllegalStateException: batch 3 failed"), outcome.failure());
  }

  @Test
  void aMissingClassOrMainIsNotRetried() throws Exception {
    DriverOutcome missing = new UserDriver("com.example.Nope", List.of()).run();
    assertFalse(missing.retryable());
    assertEquals("Class com.example.Nope is not in the application jar", missing.failure());
    DriverOutcome noMain = new UserDriver(NoMain.class.getName(), List.of()).run();
    assertFalse(noMain.retryable());
    assertTrue(noMain.failure().contains("has no public static void main"), noMain.failure());
  }
}
