package io.sluice.yarn;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.DelegationTokens;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;

/**
 * An executor container's credentials: the application secret, and on a kerberized cluster the
 * delegation tokens the ApplicationMaster holds now (HDFS and others the client obtained, or the
 * fresh ones {@link CredentialRenewer} obtained since). The NodeManager writes them to a file only
 * the container's user can read and points {@code HADOOP_TOKEN_FILE_LOCATION} at it, where
 * {@code ExecutorMain} reads the secret and Hadoop's client the tokens; the environment, by contrast,
 * ends up in a launch script. The AM's AMRM token stays with the AM: it would let an executor act as
 * the ApplicationMaster.
 */
final class ContainerSecrets {
  /** The kind of the token that authenticates the ApplicationMaster to the ResourceManager. */
  static final Text AMRM_TOKEN_KIND = new Text("YARN_AM_RM_TOKEN");

  private ContainerSecrets() {}

  /** @param secret null when the application runs without authentication */
  static ByteBuffer credentialsWith(byte[] secret) {
    Credentials credentials = new Credentials();
    if (secret != null) {
      credentials.addSecretKey(new Text(ExecutorLaunchSpec.SECRET_CREDENTIAL), secret);
    }
    try {
      for (Token<?> token : UserGroupInformation.getCurrentUser().getCredentials().getAllTokens()) {
        if (!AMRM_TOKEN_KIND.equals(token.getKind())) {
          credentials.addToken(token.getService(), token);
        }
      }
    } catch (IOException e) {
      throw new SluiceException("Cannot read the ApplicationMaster's credentials: " + e.getMessage(), e);
    }
    return ByteBuffer.wrap(DelegationTokens.write(credentials));
  }
}
