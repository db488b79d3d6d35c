package io.sluice.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import org.junit.jupiter.api.Test;

class SerializersTest {
  @Test
  void kryoIsTheDefault() {
    assertInstanceOf(KryoSerializer.class, Serializers.forData(new SluiceConf(false)));
    assertInstanceOf(KryoSerializer.class, Serializers.forClosures(new SluiceConf(false)));
  }

  @Test
  void javaWhenConfigured() {
    assertInstanceOf(JdkSerializer.class, Serializers.forData(Fixtures.conf("java")));
    assertInstanceOf(JdkSerializer.class, Serializers.forClosures(Fixtures.conf("java")));
  }

  @Test
  void unknownSerializerNamesTheKey() {
    SluiceConf conf = new SluiceConf(false).set("sluice.serializer", "protobuf");
    SluiceException e = assertThrows(SluiceException.class, () -> Serializers.forData(conf));
    assertTrue(e.getMessage().contains("sluice.serializer"), e.getMessage());
  }
}
