package io.sluice.yarn;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;

/**
 * Delegation tokens for the file systems an application uses on a kerberized cluster: the default
 * file system and those of {@code sluice.yarn.access.hadoopFileSystems}. The client obtains them for
 * the ApplicationMaster with the ResourceManager as renewer (YARN renews them while the application
 * runs); with a keytab, the ApplicationMaster obtains fresh ones itself ({@link CredentialRenewer}).
 */
public final class HadoopTokens {
  private HadoopTokens() {}

  /**
   * @throws SluiceException naming an entry of {@code sluice.yarn.access.hadoopFileSystems} that is
   *     not a file system URI
   */
  public static List<URI> fileSystems(Map<String, String> sluiceConf, Configuration hadoopConf) {
    Set<URI> uris = new LinkedHashSet<>();
    uris.add(FileSystem.getDefaultUri(hadoopConf));
    SluiceConf conf = new SluiceConf(false);
    sluiceConf.forEach(conf::set);
    String extra = SluiceOptions.YARN_ACCESS_FILESYSTEMS.get(conf);
    for (String entry : extra.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(e);
      } catch (IllegalArgumentException ex) {
        throw new SluiceException(SluiceOptions.YARN_ACCESS_FILESYSTEMS.key() + ": '" + e + "' is not a URI");
      }
      if (uri.getScheme() == null || uri.getAuthority() == null) {
        throw new SluiceException(SluiceOptions.YARN_ACCESS_FILESYSTEMS.key() + ": '" + e
            + "' is not a file system URI such as hdfs://namenode:8020");
      }
      uris.add(uri);
    }
    return List.copyOf(uris);
  }

  /** Tokens for every file system, renewable by {@code renewer}; the caller's user must have Kerberos credentials. */
  public static Credentials obtain(Configuration hadoopConf, List<URI> fileSystems, String renewer) throws IOException {
    Credentials credentials = new Credentials();
    for (URI uri : fileSystems) {
      // A new instance: the cache would keep one per login (per renewal) for ever.
      try (FileSystem fs = FileSystem.newInstance(uri, hadoopConf)) {
        fs.addDelegationTokens(renewer, credentials);
      }
    }
    return credentials;
  }

  /** When the first of the tokens reaches its maximum lifetime (none: empty), from their identifiers. */
  public static Optional<Long> earliestMaxDate(Credentials credentials) {
    List<Long> maxDates = new ArrayList<>();
    for (Token<? extends TokenIdentifier> token : credentials.getAllTokens()) {
      try {
        if (token.decodeIdentifier() instanceof AbstractDelegationTokenIdentifier id && id.getMaxDate() > 0) {
          maxDates.add(id.getMaxDate());
        }
      } catch (IOException | RuntimeException e) {
        // A token whose identifier this client cannot decode has no lifetime to report.
      }
    }
    return maxDates.stream().min(Long::compare);
  }
}
