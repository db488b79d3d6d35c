package io.sluice.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.rpc.Secrets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret from a local-cluster child's environment, or from a YARN container's credentials file. */
class ExecutorSecretTest {
  @TempDir Path tmp;

  @Test
  void fromTheEnvironmentOfALocalClusterChild() {
    byte[] secret = Secrets.generate();
    assertArrayEquals(secret, ExecutorSecret.find(Map.of(ExecutorLaunchSpec.SECRET_ENV, Secrets.toHex(secret))));
  }

  @Test
  void fromTheCredentialsFileAYarnNodeManagerWrites() throws Exception {
    byte[] secret = Secrets.generate();
    Credentials credentials = new Credentials();
    credentials.addSecretKey(new Text(ExecutorLaunchSpec.SECRET_CREDENTIAL), secret);
    Path file = tmp.resolve("container_tokens");
    credentials.writeTokenStorageFile(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration(false));

    assertArrayEquals(secret, ExecutorSecret.find(Map.of(ExecutorSecret.TOKEN_FILE_ENV, file.toString())));
  }

  @Test
  void noneWhenAuthenticationIsOff() throws Exception {
    assertNull(ExecutorSecret.find(Map.of()));
    Path file = tmp.resolve("empty_tokens");
    new Credentials().writeTokenStorageFile(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration(false));
    assertNull(ExecutorSecret.find(Map.of(ExecutorSecret.TOKEN_FILE_ENV, file.toString())));
  }
}
