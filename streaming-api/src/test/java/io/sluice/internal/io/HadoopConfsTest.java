package io.sluice.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sluice.core.SluiceConf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class HadoopConfsTest {

  @Test
  void copiesSluiceHadoopSettingsWithoutThePrefix() {
    SluiceConf conf = new SluiceConf(false)
        .set("sluice.hadoop.dfs.replication", "2")
        .set("sluice.hadoop.fs.defaultFS", "file:///")
        .set("sluice.master", "local");
    Configuration hadoop = HadoopConfs.fromSluiceConf(conf);
    assertEquals("2", hadoop.get("dfs.replication"));
    assertEquals("file:///", hadoop.get("fs.defaultFS"));
    assertNull(hadoop.get("master"));
    assertNull(hadoop.get("sluice.master"));
  }

  @Test
  void snapshotsAreSharedWhileTheConfigurationIsUnchanged() {
    Configuration conf = new Configuration();
    conf.set("a", "1");
    SerializableConfiguration first = HadoopConfs.snapshot(conf);
    assertSame(first, HadoopConfs.snapshot(conf));
    conf.set("a", "2");
    SerializableConfiguration second = HadoopConfs.snapshot(conf);
    assertNotSame(first, second);
    assertEquals("1", first.value().get("a"));
    assertEquals("2", second.value().get("a"));
  }

  @Test
  void serializableConfigurationKeepsEveryProperty() throws Exception {
    Configuration conf = new Configuration();
    conf.set("my.custom.key", "value with spaces");
    conf.setInt("io.file.buffer.size", 12345);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new SerializableConfiguration(conf));
    }
    Configuration copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = ((SerializableConfiguration) in.readObject()).value();
    }
    assertEquals("value with spaces", copy.get("my.custom.key"));
    assertEquals(12345, copy.getInt("io.file.buffer.size", 0));
    assertEquals(conf.get("fs.defaultFS"), copy.get("fs.defaultFS"));
  }
}
