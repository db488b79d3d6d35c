package io.sluice.devcluster;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.authentication.util.KerberosName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kerberos KDC of a secure {@link DevCluster}: a {@link MiniKdc} in this JVM with the
 * cluster's principals and their keytabs under {@code <workDir>/kdc}.
 *
 * <p>Principals, all {@code @}{@link #realm()}:
 * <ul>
 *   <li>{@code hadoop/localhost}: the one service principal of the NameNode, DataNode,
 *       ResourceManager and NodeManagers (see {@link #SERVICE} for why one);
 *   <li>{@code HTTP/localhost}: SPNEGO of the daemons' web servers;
 *   <li>the OS user's name (the user principal), so that HDFS files and YARN containers belong
 *       to the same user as the processes.
 * </ul>
 *
 * <p>The JDK reads its Kerberos configuration once per JVM and caches it; {@link #start} points
 * {@code java.security.krb5.conf} at the KDC's file and makes the JDK read it again, which needs
 * {@code --add-exports java.security.jgss/sun.security.krb5=ALL-UNNAMED} when the JVM has used
 * Kerberos before. Measured: without the flag, a first secure cluster in a JVM works (also
 * after plain clusters, which do not read the Kerberos configuration); a second one would use
 * the first KDC's port, so {@link #start} refuses it with a message naming the flag.
 */
final class DevKdc implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevKdc.class);
  private static final String KRB5_CONF_PROPERTY = "java.security.krb5.conf";
  /** Whether a KDC has run in this JVM: the JDK may then hold an earlier KDC's configuration (port). */
  private static boolean startedBefore;

  /**
   * Why the four daemons share one principal: they run in one JVM, and Hadoop's login is
   * JVM-wide. The NameNode and DataNode each replace the JVM's login user with their keytab
   * login; MiniYARNCluster's ResourceManager and NodeManagers skip their login and run as the
   * JVM's login user; and an RPC server takes its Kerberos identity from the current user when a
   * client connects. With a principal per daemon, the NameNode would present the DataNode's (or
   * YARN's) principal and its clients would refuse it ("Server has invalid Kerberos principal").
   */
  static final String SERVICE = "hadoop";
  static final String HTTP = "HTTP";

  private final MiniKdc kdc;
  private final Path dir;
  private final String realm;
  private final String user;
  private final Path serviceKeytab;
  private final Path userKeytab;
  private final String previousKrb5Conf;
  private boolean closed;

  private DevKdc(MiniKdc kdc, Path dir, String user, Path serviceKeytab, Path userKeytab, String previousKrb5Conf) {
    this.kdc = kdc;
    this.dir = dir;
    this.realm = kdc.getRealm();
    this.user = user;
    this.serviceKeytab = serviceKeytab;
    this.userKeytab = userKeytab;
    this.previousKrb5Conf = previousKrb5Conf;
  }

  /** Starts a KDC in {@code dir} (emptied first) with the principals above, for OS user {@code user}. */
  static DevKdc start(Path dir, String user) throws IOException {
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Properties conf = MiniKdc.createConf();
    conf.setProperty(MiniKdc.KDC_BIND_ADDRESS, SiteConfigs.HOST);
    String previousKrb5Conf = System.getProperty(KRB5_CONF_PROPERTY);
    MiniKdc kdc;
    try {
      kdc = new MiniKdc(conf, dir.toFile());
      kdc.start();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("the KDC did not start: " + e, e);
    }
    DevKdc started = new DevKdc(kdc, dir, user, dir.resolve("services.keytab"), dir.resolve(user + ".keytab"),
        previousKrb5Conf);
    try {
      kdc.createPrincipal(started.serviceKeytab.toFile(), started.hostPrincipalName(SERVICE),
          started.hostPrincipalName(HTTP));
      kdc.createPrincipal(started.userKeytab.toFile(), user);
      boolean reread = useKrb5Conf(kdc.getKrb5conf().getAbsolutePath());
      boolean first = !startedBefore;
      startedBefore = true;
      if (!reread && !first) {
        throw new IOException("a KDC ran in this JVM before and the JDK keeps its Kerberos configuration; start"
            + " the JVM with --add-exports java.security.jgss/sun.security.krb5=ALL-UNNAMED so that it can be re-read");
      }
      if (!started.realm.equals(KerberosName.getDefaultRealm())) {
        throw new IOException("this JVM read its Kerberos configuration before the KDC started and still has default"
            + " realm '" + KerberosName.getDefaultRealm() + "'; start it with"
            + " --add-exports java.security.jgss/sun.security.krb5=ALL-UNNAMED so that it can be re-read");
      }
    } catch (Exception e) {
      started.close();
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("creating the Kerberos principals failed: " + e, e);
    }
    log.info("KDC of realm {} on {}:{}, keytabs in {}", started.realm, kdc.getHost(), kdc.getPort(), dir);
    return started;
  }

  /**
   * Sets {@code java.security.krb5.conf} (clears it for null) and makes the JDK and Hadoop read it
   * again; false if the JDK's configuration could not be refreshed.
   */
  private static boolean useKrb5Conf(String path) {
    if (path == null) {
      System.clearProperty(KRB5_CONF_PROPERTY);
    } else {
      System.setProperty(KRB5_CONF_PROPERTY, path);
    }
    boolean refreshed = false;
    try {
      Class.forName("sun.security.krb5.Config").getMethod("refresh").invoke(null);
      refreshed = true;
    } catch (IllegalAccessException e) {
      // Not exported to us: fine as long as nothing in this JVM has read the configuration yet.
      log.debug("sun.security.krb5.Config.refresh() is not accessible; the JDK reads {} only if Kerberos is unused"
          + " so far", path);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      log.warn("cannot refresh the JDK's Kerberos configuration: {}", e.toString());
    } catch (InvocationTargetException e) {
      log.warn("refreshing the JDK's Kerberos configuration failed: {}", e.getCause().toString());
    }
    KerberosName.resetDefaultRealm();
    return refreshed;
  }

  String realm() {
    return realm;
  }

  /** {@code service/localhost@REALM}. */
  String hostPrincipalName(String service) {
    return service + "/" + SiteConfigs.HOST + "@" + realm;
  }

  String servicePrincipal() {
    return hostPrincipalName(SERVICE);
  }

  String httpPrincipal() {
    return hostPrincipalName(HTTP);
  }

  String userPrincipal() {
    return user + "@" + realm;
  }

  String user() {
    return user;
  }

  /** The keytab of {@link #servicePrincipal()} and {@link #httpPrincipal()}. */
  Path serviceKeytab() {
    return serviceKeytab;
  }

  Path userKeytab() {
    return userKeytab;
  }

  File krb5Conf() {
    return kdc.getKrb5conf();
  }

  /** Stops the KDC and gives the JVM back the Kerberos configuration it had before {@link #start}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kdc.stop();
    } finally {
      useKrb5Conf(previousKrb5Conf);
    }
    log.debug("KDC in {} stopped", dir);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
