package io.sluice.executor;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.internal.rpc.Secrets;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;

/**
 * Where an executor process finds the application secret: the environment for a local-cluster
 * child; the container's credentials file (named by {@value #TOKEN_FILE_ENV}, which the
 * NodeManager sets) for a YARN container. Null when authentication is off.
 */
final class ExecutorSecret {
  static final String TOKEN_FILE_ENV = "HADOOP_TOKEN_FILE_LOCATION";

  private ExecutorSecret() {}

  static byte[] find(Map<String, String> env) {
    String hex = env.get(ExecutorLaunchSpec.SECRET_ENV);
    if (hex != null && !hex.isBlank()) {
      return Secrets.fromHex(hex);
    }
    String tokenFile = env.get(TOKEN_FILE_ENV);
    if (tokenFile == null || tokenFile.isBlank()) {
      return null;
    }
    try {
      return Credentials.readTokenStorageFile(new File(tokenFile), new Configuration(false))
          .getSecretKey(new Text(ExecutorLaunchSpec.SECRET_CREDENTIAL));
    } catch (IOException e) {
      throw new SluiceException("Cannot read the container's credentials " + tokenFile + ": " + e.getMessage(), e);
    }
  }
}
