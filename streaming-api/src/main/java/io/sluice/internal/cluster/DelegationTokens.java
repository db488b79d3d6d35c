package io.sluice.internal.cluster;

import io.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hadoop delegation tokens as bytes (Hadoop's token-storage format, the one YARN uses for a
 * container's credentials), and how a process takes fresh ones: added to its current user, where
 * new connections to HDFS (and other Hadoop services) find them; a token for the same service
 * replaces the older one.
 */
public final class DelegationTokens {
  private static final Logger log = LoggerFactory.getLogger(DelegationTokens.class);

  private DelegationTokens() {}

  public static byte[] write(Credentials credentials) {
    try (DataOutputBuffer out = new DataOutputBuffer()) {
      credentials.writeTokenStorageToStream(out);
      byte[] bytes = new byte[out.getLength()];
      System.arraycopy(out.getData(), 0, bytes, 0, bytes.length);
      return bytes;
    } catch (IOException e) {
      throw new SluiceException("Cannot serialize delegation tokens: " + e.getMessage(), e);
    }
  }

  public static Credentials read(byte[] bytes) {
    Credentials credentials = new Credentials();
    try {
      credentials.readTokenStorageStream(new DataInputStream(new ByteArrayInputStream(bytes)));
      return credentials;
    } catch (IOException e) {
      throw new SluiceException("Cannot read delegation tokens: " + e.getMessage(), e);
    }
  }

  /** Adds the tokens to this process's current user; failures are logged, as the old tokens still work a while. */
  public static void addToCurrentUser(byte[] bytes) {
    try {
      Credentials fresh = read(bytes);
      UserGroupInformation.getCurrentUser().addCredentials(fresh);
      log.info("Took {} fresh delegation token(s): {}", fresh.numberOfTokens(),
          fresh.getAllTokens().stream().map(t -> t.getKind() + " for " + t.getService()).toList());
    } catch (IOException | RuntimeException e) {
      log.error("Could not take fresh delegation tokens: {}", e.toString());
    }
  }
}
