package io.sluice.yarn;

import java.util.List;
import java.util.Optional;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a failing attempt is the application's last, counted the way the ResourceManager counts:
 * failed attempts, only those that ended within {@code attemptFailuresValidityInterval} when one is
 * set, against the smaller of the application's and the cluster's maximum. The attempt id is no
 * count: it keeps rising when old failures are forgiven. An attempt that is not the last must exit
 * without unregistering, or the application ends FAILED while YARN would have retried it.
 */
final class AttemptBudget {
  private static final Logger log = LoggerFactory.getLogger(AttemptBudget.class);
  /** The cluster's cap on attempts, and YARN's default for it. */
  static final String CLUSTER_MAX_ATTEMPTS = "yarn.resourcemanager.am.max-attempts";
  static final int DEFAULT_CLUSTER_MAX_ATTEMPTS = 2;

  private AttemptBudget() {}

  /**
   * @param attempts every attempt of the application as the ResourceManager reports them
   * @param now the current time, on the ResourceManager's clock as far as the finish times go
   */
  static boolean isLast(ApplicationAttemptId current, int maxAttempts, Optional<Long> validityMs,
                        List<ApplicationAttemptReport> attempts, long now) {
    long failedBefore = attempts.stream()
        .filter(a -> !a.getApplicationAttemptId().equals(current))
        .filter(a -> a.getYarnApplicationAttemptState() == YarnApplicationAttemptState.FAILED)
        .filter(a -> validityMs.isEmpty() || validityMs.get() <= 0 || a.getFinishTime() > now - validityMs.get())
        .count();
    return failedBefore + 1 >= maxAttempts;
  }

  /**
   * Asks the ResourceManager, as {@code asUser} when given (on a kerberized cluster the AM holds no
   * credentials the ResourceManager's client protocol accepts, only its keytab's). When it cannot be
   * asked, the attempt is taken as not the last: YARN then decides, and fails the application itself
   * (with the container's stderr in its diagnostics) when its count is spent, which is better than
   * ending an application YARN would have retried.
   */
  static boolean isLast(Configuration hadoopConf, ApplicationAttemptId current, int appMaxAttempts,
                        Optional<Long> validityMs, UserGroupInformation asUser) {
    if (UserGroupInformation.isSecurityEnabled() && asUser == null) {
      log.info("Attempt {} failed; without a keytab the ResourceManager cannot be asked how many attempts failed: "
          + "YARN decides whether another attempt runs", current.getAttemptId());
      return false;
    }
    int maxAttempts = Math.min(appMaxAttempts, hadoopConf.getInt(CLUSTER_MAX_ATTEMPTS, DEFAULT_CLUSTER_MAX_ATTEMPTS));
    Configuration conf = new Configuration(hadoopConf);
    // An answer within seconds or none: the attempt is over either way.
    conf.setLong("yarn.resourcemanager.connect.max-wait.ms", 10_000);
    conf.setLong("yarn.resourcemanager.connect.retry-interval.ms", 1_000);
    PrivilegedExceptionAction<List<ApplicationAttemptReport>> ask = () -> {
      try (YarnClient yarn = YarnClient.createYarnClient()) {
        yarn.init(conf);
        yarn.start();
        return yarn.getApplicationAttempts(current.getApplicationId());
      }
    };
    try {
      List<ApplicationAttemptReport> attempts = asUser == null ? ask.run() : asUser.doAs(ask);
      boolean last = isLast(current, maxAttempts, validityMs, attempts, System.currentTimeMillis());
      log.info("Attempt {} failed; {} of {} allowed failures {}counted by the ResourceManager's rule: {}",
          current.getAttemptId(), last ? "all" : "not all", maxAttempts,
          validityMs.map(v -> "within " + v + " ms ").orElse(""), last ? "the last attempt" : "YARN will retry");
      return last;
    } catch (Exception e) {
      log.warn("Cannot ask the ResourceManager how many attempts failed ({}); leaving the decision to YARN",
          e.toString());
      return false;
    }
  }
}
