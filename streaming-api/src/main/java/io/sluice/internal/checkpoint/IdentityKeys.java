package io.sluice.internal.checkpoint;

import io.sluice.core.SluiceConf;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration that describes where and as whom this run of the driver lives, not what the
 * application computes: it is never written into a checkpoint, and is read afresh from the
 * environment when the driver recovers. (Spark restored such values from checkpoints, and a
 * recovered driver then tried to reach the previous attempt's hosts and staging files.)
 */
public final class IdentityKeys {
  private IdentityKeys() {}

  /** Every key that is environment, not state; keep this the one list of them. */
  public static final Set<String> REREAD_ON_RECOVERY = Set.of(
      "sluice.driver.host",
      "sluice.driver.port",
      "sluice.ui.port",
      "sluice.local.dir",
      "sluice.yarn.appId",
      "sluice.yarn.attemptId",
      "sluice.yarn.stagingDir",
      "sluice.yarn.tokens",
      "sluice.authenticate.secret");

  /** Key prefixes that are environment too (Hadoop and YARN credentials, per-run directories). */
  public static final Set<String> REREAD_PREFIXES = Set.of("sluice.yarn.am.", "sluice.executor.env.");

  public static boolean isIdentity(String key) {
    return REREAD_ON_RECOVERY.contains(key) || REREAD_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** The settings to store in a checkpoint: everything but identity. */
  public static Map<String, String> withoutIdentity(Map<String, String> settings) {
    Map<String, String> stored = new TreeMap<>();
    settings.forEach((key, value) -> {
      if (!isIdentity(key)) {
        stored.put(key, value);
      }
    });
    return stored;
  }

  /**
   * The configuration of a recovered driver: the checkpointed settings, overridden by whatever this
   * environment sets ({@code -Dsluice.*}, e.g. a new master), plus this environment's identity.
   */
  public static SluiceConf recoveredConf(Map<String, String> checkpointed, SluiceConf environment) {
    SluiceConf conf = new SluiceConf(false);
    checkpointed.forEach(conf::set);
    environment.getAll().forEach(conf::set);
    return conf;
  }
}
