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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApplicationSpecTest {
  private static final ApplicationSpec SPEC = new ApplicationSpec("word count", "com.example.WordCount",
      List.of("hdfs://nn/in", "it's \"quoted\" = 1", ""), 512,
      Map.of("sluice.executor.instances", "3", "sluice.streaming.stopGracefullyOnShutdown", "true"),
      "hdfs://nn:8020/user/u/.sluice-staging/application_1_0001",
      List.of(new StagedFile("__app__.jar", "hdfs://nn:8020/s/__app__.jar", 1234, 99, false),
          new StagedFile("__hadoop_conf__", "hdfs://nn:8020/s/__hadoop_conf__.zip", 10, 98, true)),
      List.of(new StagedFile("__jars__/kafka-clients-3.7.0.jar", "hdfs://nn:8020/c/ab/kafka-clients-3.7.0.jar", 5, 97,
              false),
          new StagedFile("__jars__/a.jar", "hdfs://nn:8020/c/cd/a.jar", 6, 96, false)),
      List.of(new StagedFile("lookup.csv", "hdfs://nn:8020/s/files/lookup.csv/words.csv", 7, 95, false),
          new StagedFile("model", "hdfs://nn:8020/data/model.tgz", 8, 94, true)));

  private static byte[] written(ApplicationSpec spec) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    spec.write(out);
    return out.toByteArray();
  }

  @Test
  void roundTripsEveryField() throws Exception {
    assertEquals(SPEC, ApplicationSpec.read(new ByteArrayInputStream(written(SPEC))));
  }

  @Test
  void aSpecWithoutExtraJarEntriesHasNoExtraJars() throws Exception {
    // As written before --jars existed: the same file without any extraJar.* line.
    String text = new String(written(SPEC), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.startsWith("extraJar.")).collect(Collectors.joining("\n"));
    ApplicationSpec read = ApplicationSpec.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(), read.extraJars());
    assertEquals(SPEC.files(), read.files());
  }

  @Test
  void aMissingEntryIsNamed() {
    byte[] text = "app.name=x\narg.count=0\nfile.count=0\ndriver.memoryMb=1\nstaging.dir=/s\n"
        .getBytes(StandardCharsets.UTF_8);
    SluiceException e = assertThrows(SluiceException.class,
        () -> ApplicationSpec.read(new ByteArrayInputStream(text)));
    assertTrue(e.getMessage().contains("'main.class'"), e.getMessage());
    byte[] halfAJar = "app.name=x\nmain.class=a.B\narg.count=0\nfile.count=0\ndriver.memoryMb=1\nstaging.dir=/s\n"
        .concat("extraJar.count=1\nextraJar.0.name=__jars__/a.jar\n").getBytes(StandardCharsets.UTF_8);
    e = assertThrows(SluiceException.class, () -> ApplicationSpec.read(new ByteArrayInputStream(halfAJar)));
    assertTrue(e.getMessage().contains("'extraJar.0.uri'"), e.getMessage());
  }
}
