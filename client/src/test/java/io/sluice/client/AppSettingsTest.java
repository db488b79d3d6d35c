package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppSettingsTest {
  private static AppSettings settings(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("submit", "--class", "a.Job", "--jar", "app.jar"));
    args.addAll(List.of(extra));
    return AppSettings.of((Command.Submit) CommandLineParser.parse(args));
  }

  @Test
  void defaults() {
    AppSettings s = settings();
    assertEquals("Job", s.appName());
    assertEquals("default", s.queue());
    assertEquals(2, s.maxAttempts());
    assertEquals(Optional.empty(), s.attemptValidityMs());
    assertEquals(1024, s.driverMemoryMb());
    assertEquals(1024 + 384, s.amContainerMb());
    assertEquals(1024 + 384, s.executorContainerMb());
    assertEquals("yarn", s.specConf().get("sluice.master"));
    assertEquals("2", s.specConf().get("sluice.executor.instances"));
    assertEquals("1", s.specConf().get("sluice.executor.cores"));
    assertEquals("1024m", s.specConf().get("sluice.executor.memory"));
    assertEquals("Job", s.specConf().get("sluice.app.name"));
  }

  @Test
  void overheadIsTenPercentAboveAFloor() {
    assertEquals(384, AppSettings.overheadMb(160));
    assertEquals(819, AppSettings.overheadMb(8192));
    AppSettings s = settings("--driver-memory", "8g", "--executor-memory", "96m",
        "--conf", "sluice.executor.memoryOverhead=64m", "--conf", "sluice.yarn.am.attemptFailuresValidityInterval=1h",
        "--max-attempts", "3", "--queue", "streams");
    assertEquals(8192 + 819, s.amContainerMb());
    assertEquals(96 + 64, s.executorContainerMb());
    assertEquals(Optional.of(3_600_000L), s.attemptValidityMs());
    assertEquals(3, s.maxAttempts());
    assertEquals("streams", s.specConf().get("sluice.yarn.queue"));
    assertEquals("64m", s.specConf().get("sluice.executor.memoryOverhead"));
  }
}
