package io.sluice.client;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.DelegationTokens;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.yarn.HadoopTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.client.util.YarnClientUtils;

/**
 * The client's side of a kerberized cluster ({@code hadoop.security.authentication=kerberos} in the
 * Hadoop configuration): logs in from {@code --principal}/{@code --keytab}, or uses the ticket cache
 * {@code kinit} filled, before anything talks to the cluster; and obtains the delegation tokens the
 * ApplicationMaster's container gets, with the ResourceManager as their renewer so YARN keeps them
 * alive while the application runs, up to their maximum lifetime. On a cluster without Kerberos it
 * does nothing.
 */
final class KerberosLogin {
  private KerberosLogin() {}

  /**
   * @param sluiceConf the submission's settings, or status's and kill's {@code --principal}/{@code --keytab}
   * @param submitting whether to say how the user logged in (a submission's output, not status's or kill's)
   * @throws SluiceException when the cluster needs Kerberos and there are no credentials
   */
  static void login(Configuration hadoopConf, Map<String, String> sluiceConf, boolean submitting, PrintStream out)
      throws IOException {
    UserGroupInformation.setConfiguration(hadoopConf);
    String principal = sluiceConf.get(SluiceOptions.YARN_PRINCIPAL.key());
    String keytab = sluiceConf.get(SluiceOptions.YARN_KEYTAB.key());
    if (!UserGroupInformation.isSecurityEnabled()) {
      if (principal != null) {
        out.println("The cluster does not use Kerberos (hadoop.security.authentication=simple): --principal and "
            + "--keytab are not used");
      }
      return;
    }
    if (keytab != null) {
      try {
        UserGroupInformation.loginUserFromKeytab(principal, keytab);
      } catch (IOException e) {
        throw new SluiceException("Kerberos login as " + principal + " with keytab " + keytab + " failed: "
            + e.getMessage(), e);
      }
      if (submitting) {
        out.println("Logged in to Kerberos as " + principal + " (keytab " + keytab + ")");
      }
      return;
    }
    UserGroupInformation user = UserGroupInformation.getLoginUser();
    if (!user.hasKerberosCredentials()) {
      throw new SluiceException("The cluster uses Kerberos, but " + user.getUserName() + " has no ticket: run "
          + "kinit, or pass --principal and --keytab");
    }
    if (submitting) {
      out.println("Using the Kerberos ticket of " + user.getUserName() + " without a keytab: the application can "
          + "run until its delegation tokens reach their maximum lifetime (dfs.namenode.delegation.token."
          + "max-lifetime, 7 days by default); submit with --principal and --keytab to run longer");
    }
  }

  /** The AM container's tokens, or empty on a cluster without Kerberos. */
  static Optional<ByteBuffer> amTokens(Configuration hadoopConf, Map<String, String> sluiceConf, PrintStream out)
      throws IOException {
    if (!UserGroupInformation.isSecurityEnabled()) {
      return Optional.empty();
    }
    List<URI> fileSystems = HadoopTokens.fileSystems(sluiceConf, hadoopConf);
    Credentials credentials = HadoopTokens.obtain(hadoopConf, fileSystems, YarnClientUtils.getRmPrincipal(hadoopConf));
    out.println("Delegation tokens for " + fileSystems + HadoopTokens.earliestMaxDate(credentials)
        .map(t -> ", valid until " + Instant.ofEpochMilli(t)).orElse(""));
    return Optional.of(ByteBuffer.wrap(DelegationTokens.write(credentials)));
  }
}
