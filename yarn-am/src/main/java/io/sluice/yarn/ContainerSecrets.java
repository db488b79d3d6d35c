package io.sluice.yarn;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;

/**
 * The application secret as a container's credentials. The NodeManager writes them to a file only
 * the container's user can read and points {@code HADOOP_TOKEN_FILE_LOCATION} at it, where
 * {@code ExecutorMain} reads the secret; the environment, by contrast, ends up in a launch script.
 * Only the secret goes in: an executor needs none of the ApplicationMaster's own tokens.
 */
final class ContainerSecrets {
  private ContainerSecrets() {}

  static ByteBuffer credentialsWith(byte[] secret) {
    Credentials credentials = new Credentials();
    credentials.addSecretKey(new Text(ExecutorLaunchSpec.SECRET_CREDENTIAL), secret);
    try (DataOutputBuffer out = new DataOutputBuffer()) {
      credentials.writeTokenStorageToStream(out);
      return ByteBuffer.wrap(out.getData(), 0, out.getLength());
    } catch (IOException e) {
      throw new SluiceException("Cannot write the container's credentials: " + e.getMessage(), e);
    }
  }
}
