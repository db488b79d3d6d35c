package io.sluice.internal.kafka;

import io.sluice.core.SluiceException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The user's Kafka consumer settings, checked once when the stream is created, and the two
 * variants Sluice's own consumers use: the driver's (metadata and offsets only) and the executors'
 * (reading exact offset ranges, never committing, never resetting on their own). Travels in the
 * checkpoint and with tasks, so every value must be serializable (strings, numbers, classes).
 */
public final class KafkaParams implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What {@code auto.offset.reset} says to do where there is no valid offset to start from. */
  public enum ResetPolicy { EARLIEST, LATEST, NONE }

  private final Map<String, Object> params;

  public KafkaParams(Map<String, ?> userParams) {
    if (userParams == null) {
      throw new SluiceException("kafkaParams must not be null");
    }
    Map<String, Object> copy = new HashMap<>();
    userParams.forEach((key, value) -> {
      if (value == null) {
        throw new SluiceException("kafkaParams: " + key + " has no value");
      }
      if (!(value instanceof Serializable)) {
        throw new SluiceException("kafkaParams: the value of " + key + " is a " + value.getClass().getName()
            + ", which is not serializable; give class names or classes (it travels to executors and checkpoints)");
      }
      copy.put(key, value);
    });
    for (String required : new String[] {ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG}) {
      if (!copy.containsKey(required)) {
        throw new SluiceException("kafkaParams must set " + required);
      }
    }
    this.params = copy;
    resetPolicy(); // fails now on a value Kafka would not accept
  }

  public String bootstrapServers() {
    return String.valueOf(params.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  public Optional<String> groupId() {
    return Optional.ofNullable(params.get(ConsumerConfig.GROUP_ID_CONFIG)).map(String::valueOf);
  }

  /** {@code auto.offset.reset}, with Kafka's default {@code latest}. */
  public ResetPolicy resetPolicy() {
    Object raw = params.getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    try {
      return ResetPolicy.valueOf(String.valueOf(raw).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SluiceException("kafkaParams: " + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG + "=" + raw
          + " is not one of earliest, latest, none");
    }
  }

  /**
   * The driver's consumer only asks for partitions and offsets and commits what users ask it to.
   * It never creates topics: a misspelt topic must be an error, not a new empty topic.
   */
  public Map<String, Object> forDriver() {
    Map<String, Object> driver = new HashMap<>(params);
    driver.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    driver.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    driver.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    driver.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix() + "-driver");
    return driver;
  }

  /**
   * Executors read exactly the ranges the driver chose: no commits, no resets (an offset that has
   * gone must fail the task, not silently skip data), and a group of their own so their consumers
   * never join the user's group.
   */
  public Map<String, Object> forExecutors(String clientIdSuffix) {
    Map<String, Object> executor = new HashMap<>(params);
    executor.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    executor.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    executor.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    executor.put(ConsumerConfig.GROUP_ID_CONFIG, "sluice-executor-" + groupId().orElse("nogroup"));
    executor.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    executor.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix() + "-" + clientIdSuffix);
    return executor;
  }

  /** The settings an admin client understands (connection and security), so it logs no unknown keys. */
  public Map<String, Object> forAdmin() {
    Map<String, Object> admin = new HashMap<>();
    params.forEach((key, value) -> {
      if (org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(key)) {
        admin.put(key, value);
      }
    });
    admin.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix() + "-driver-admin");
    // The admin client refuses an API timeout below its request timeout (30 s by default), which a
    // consumer accepts; a short API timeout given for the consumer then bounds requests too.
    Object apiTimeout = admin.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    if (apiTimeout != null && !admin.containsKey(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
      admin.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(30_000, Long.parseLong(String.valueOf(apiTimeout)))));
    }
    return admin;
  }

  private String clientIdPrefix() {
    return String.valueOf(params.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "sluice"));
  }

  /** Identifies consumers that may be shared in an executor's cache: same settings, same group. */
  public String cacheKey() {
    return new java.util.TreeMap<>(params).toString();
  }

  @Override
  public String toString() {
    return "kafkaParams(bootstrap.servers=" + bootstrapServers() + groupId().map(g -> ", group.id=" + g).orElse("")
        + ")";
  }
}
