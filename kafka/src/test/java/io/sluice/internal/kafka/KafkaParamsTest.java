package io.sluice.internal.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaParamsTest {
  private static Map<String, Object> valid() {
    Map<String, Object> params = new HashMap<>();
    params.put("bootstrap.servers", "localhost:9092");
    params.put("key.deserializer", StringDeserializer.class);
    params.put("value.deserializer", StringDeserializer.class.getName());
    params.put("group.id", "g");
    return params;
  }

  @Test
  void requiredSettingsAreNamedWhenMissing() {
    for (String key : new String[] {"bootstrap.servers", "key.deserializer", "value.deserializer"}) {
      Map<String, Object> params = valid();
      params.remove(key);
      SluiceException e = assertThrows(SluiceException.class, () -> new KafkaParams(params));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
  }

  @Test
  void anUnknownResetPolicyAndANonSerializableValueAreRefused() {
    Map<String, Object> badReset = valid();
    badReset.put("auto.offset.reset", "smallest");
    SluiceException reset = assertThrows(SluiceException.class, () -> new KafkaParams(badReset));
    assertTrue(reset.getMessage().contains("auto.offset.reset=smallest"), reset.getMessage());

    Map<String, Object> instance = valid();
    instance.put("value.deserializer", new StringDeserializer());
    SluiceException e = assertThrows(SluiceException.class, () -> new KafkaParams(instance));
    assertTrue(e.getMessage().contains("value.deserializer"), e.getMessage());
  }

  @Test
  void executorsNeverCommitNorResetAndStayOutOfTheUsersGroup() {
    Map<String, Object> params = valid();
    params.put("enable.auto.commit", true);
    params.put("auto.offset.reset", "earliest");
    Map<String, Object> executor = new KafkaParams(params).forExecutors("exec-1");
    assertEquals(false, executor.get("enable.auto.commit"));
    assertEquals("none", executor.get("auto.offset.reset"));
    assertEquals("sluice-executor-g", executor.get("group.id"));
    assertEquals(KafkaParams.ResetPolicy.EARLIEST, new KafkaParams(params).resetPolicy());
    assertEquals(false, new KafkaParams(params).forDriver().get("allow.auto.create.topics"));
  }

  @Test
  void theDefaultResetPolicyIsKafkasLatest() {
    assertEquals(KafkaParams.ResetPolicy.LATEST, new KafkaParams(valid()).resetPolicy());
  }
}
