package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationSpecTest {
  private static final ApplicationSpec SPEC = new ApplicationSpec("word count", "com.example.WordCount",
      List.of("hdfs://nn/in", "it's \"quoted\" = 1", ""), 512,
      Map.of("sluice.executor.instances", "3", "sluice.streaming.stopGracefullyOnShutdown", "true"),
      "hdfs://nn:8020/user/u/.sluice-staging/application_1_0001",
      List.of(new StagedFile("__app__.jar", "hdfs://nn:8020/s/__app__.jar", 1234, 99, false),
          new StagedFile("__hadoop_conf__", "hdfs://nn:8020/s/__hadoop_conf__.zip", 10, 98, true)));

  @Test
  void roundTripsEveryField() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SPEC.write(out);
    assertEquals(SPEC, ApplicationSpec.read(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void aMissingEntryIsNamed() {
    byte[] text = "app.name=x\narg.count=0\nfile.count=0\ndriver.memoryMb=1\nstaging.dir=/s\n"
        .getBytes(StandardCharsets.UTF_8);
    SluiceException e = assertThrows(SluiceException.class,
        () -> ApplicationSpec.read(new ByteArrayInputStream(text)));
    assertTrue(e.getMessage().contains("'main.class'"), e.getMessage());
  }
}
