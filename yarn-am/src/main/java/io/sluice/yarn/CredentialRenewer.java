package io.sluice.yarn;

import io.sluice.internal.cluster.DelegationTokens;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running application's delegation tokens fresh on a kerberized cluster, for an
 * application submitted with {@code --principal}/{@code --keytab}: logs in from the keytab the client
 * shipped to the ApplicationMaster's container, obtains new tokens for the application's file systems
 * (renewable by the principal itself, so it can ask when they expire), takes them for the driver and
 * sends them to every executor over the authenticated RPC. It does so at start (a new attempt after
 * the old tokens' lifetime starts with fresh ones) and again when 75% of the new tokens' renewal
 * interval has passed, so no token the application uses ever expires.
 */
final class CredentialRenewer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CredentialRenewer.class);
  /** The share of the renewal interval after which fresh tokens are obtained. */
  static final double RENEW_AT = 0.75;
  private static final long MIN_DELAY_MS = 5_000;
  private static final long RETRY_DELAY_MS = 10_000;

  private final Configuration hadoopConf;
  private final String principal;
  private final String keytab;
  private final List<URI> fileSystems;
  private final Consumer<byte[]> executors;
  private volatile UserGroupInformation keytabUser;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sluice-credential-renewer");
    t.setDaemon(true);
    return t;
  });

  /** @param executors sends serialized tokens to the running executors */
  CredentialRenewer(Configuration hadoopConf, String principal, String keytab, List<URI> fileSystems,
                    Consumer<byte[]> executors) {
    this.hadoopConf = hadoopConf;
    this.principal = principal;
    this.keytab = keytab;
    this.fileSystems = List.copyOf(fileSystems);
    this.executors = executors;
  }

  /**
   * Obtains the first fresh tokens before returning, so the driver never starts on tokens that may
   * have expired (a new attempt after their lifetime); then keeps renewing in the background.
   */
  void start() {
    renew();
  }

  /** The principal logged in from the keytab, for calls that need Kerberos credentials; null before the first login. */
  UserGroupInformation keytabUser() {
    return keytabUser;
  }

  /** When, from {@code now}, to obtain the next tokens, given when the current ones expire. */
  static long delayMs(long now, long expiry) {
    return Math.max(MIN_DELAY_MS, (long) ((expiry - now) * RENEW_AT));
  }

  private void renew() {
    try {
      UserGroupInformation keytabUser = UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
      this.keytabUser = keytabUser;
      Credentials fresh = new Credentials();
      long expiry = keytabUser.doAs((PrivilegedExceptionAction<Long>) () -> {
        fresh.addAll(HadoopTokens.obtain(hadoopConf, fileSystems, keytabUser.getShortUserName()));
        long earliest = Long.MAX_VALUE;
        for (Token<?> token : fresh.getAllTokens()) {
          earliest = Math.min(earliest, token.renew(hadoopConf)); // the renewer learns the expiry
        }
        return earliest;
      });
      UserGroupInformation.getCurrentUser().addCredentials(fresh);
      executors.accept(DelegationTokens.write(fresh));
      long now = System.currentTimeMillis();
      long delay = delayMs(now, expiry);
      log.info("Obtained {} fresh delegation token(s) as {} for {}; they expire in {} s, the next ones come in {} s",
          fresh.numberOfTokens(), principal, fileSystems, (expiry - now) / 1000, delay / 1000);
      timer.schedule(this::renew, delay, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.error("Could not obtain fresh delegation tokens as {} (retrying in {} s): {}", principal,
          RETRY_DELAY_MS / 1000, e.toString());
      timer.schedule(this::renew, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
