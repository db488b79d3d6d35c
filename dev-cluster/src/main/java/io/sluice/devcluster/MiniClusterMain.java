package io.sluice.devcluster;

import io.sluice.internal.util.PosixSignals;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link DevCluster} until the process is killed, after printing how to use it:
 * {@code bin/sluice-mini-cluster [--dir <workDir>] [--nodes <N>] [--base-port <P>] [--secure]}.
 * Exit status: 0 after {@code --help}, 1 when the cluster cannot start, 2 for bad arguments.
 */
public final class MiniClusterMain {
  static final String USAGE = """
      Usage: sluice-mini-cluster [--dir <workDir>] [--nodes <N>] [--base-port <P>] [--secure]
        --dir <workDir>    state and conf dir of the cluster (default target/sluice-mini-cluster);
                           wiped at start
        --nodes <N>        number of YARN NodeManagers (default 2)
        --base-port <P>    use ports P to P+6 (RM, scheduler, resource tracker, RM admin, RM web UI,
                           NameNode, NameNode web UI) so addresses stay the same across restarts;
                           default: free ports
        --secure           Kerberos: a KDC in the same process, HDFS and YARN authenticate with it;
                           prints the krb5.conf, keytab and principal to use. Delegation tokens
                           must be renewed every 60 s and live at most 180 s""";

  private MiniClusterMain() {}

  /** The parsed command line; {@code basePort} 0 means free ports. */
  record Options(Path workDir, int nodeManagers, int basePort, boolean secure) {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(USAGE);
      System.exit(0);
    }
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("sluice-mini-cluster: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    // Before the first logger exists: Hadoop's daemons are chatty at INFO.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-mini-cluster.xml");
    }

    DevCluster cluster;
    try {
      DevCluster.Builder builder = DevCluster.builder().workDir(options.workDir()).nodeManagers(options.nodeManagers())
          .secure(options.secure());
      if (options.basePort() != 0) {
        builder.basePort(options.basePort());
      }
      cluster = builder.start();
    } catch (Exception | LinkageError e) {
      System.err.println("sluice-mini-cluster: the cluster did not start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    // Signals stop the cluster on this thread, before the JVM shuts down: stopping it from a
    // shutdown hook fails, as the DataNode then cannot remove its own Hadoop shutdown hook.
    CountDownLatch stopRequested = new CountDownLatch(1);
    for (String signal : new String[] {"INT", "TERM", "HUP"}) {
      PosixSignals.handle(signal, stopRequested::countDown);
    }
    System.out.print(instructions(cluster, options.nodeManagers()));
    System.out.flush();
    stopRequested.await();
    System.err.println("sluice-mini-cluster: stopping");
    long start = System.nanoTime();
    cluster.close();
    System.err.printf("sluice-mini-cluster: stopped in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    System.exit(0);
  }

  /** Reads the arguments; throws {@link IllegalArgumentException} naming the first problem. */
  static Options parse(String[] args) {
    Path workDir = Path.of("target", "sluice-mini-cluster");
    int nodes = 2;
    int basePort = 0;
    boolean secure = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--secure")) {
        secure = true;
        continue;
      }
      if (!option.equals("--dir") && !option.equals("--nodes") && !option.equals("--base-port")) {
        throw new IllegalArgumentException("unknown argument '" + option + "'");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--dir" -> {
          if (value.isBlank()) {
            throw new IllegalArgumentException("--dir needs a non-empty path");
          }
          workDir = Path.of(value);
        }
        case "--nodes" -> {
          nodes = intValue(option, value);
          if (nodes < 1 || nodes > 16) {
            throw new IllegalArgumentException("--nodes must be between 1 and 16, got " + nodes);
          }
        }
        default -> {
          basePort = intValue(option, value);
          DevClusterPorts.startingAt(basePort); // its message names the valid range
        }
      }
    }
    return new Options(workDir, nodes, basePort, secure);
  }

  private static int intValue(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
    }
  }

  static String instructions(DevCluster cluster, int nodeManagers) {
    String input = cluster.fsUri() + "/user/" + System.getProperty("user.name") + "/input";
    return """

        Sluice dev cluster is running: HDFS (1 datanode) and YARN (NodeManagers: %d), started in %.1f s.

          HDFS:                    %s
          ResourceManager:         %s
          ResourceManager web UI:  %s
          Work dir:                %s

        Use it from another shell, in the repository root:

          export HADOOP_CONF_DIR=%s
          bin/sluice-submit submit --class io.sluice.examples.FileWordCount \\
              --jar examples/target/sluice-examples-*.jar -- %s

        FileWordCount counts the files that later appear in that directory; move files in
        (write elsewhere, then rename), never write them in place.
        Stop the cluster with Ctrl-C; its state is wiped at the next start.
        """.formatted(nodeManagers, cluster.startDuration().toMillis() / 1000.0, cluster.fsUri(),
        cluster.rmAddress(), cluster.rmWebAddress(), cluster.workDir(), cluster.confDir(), input)
        + (cluster.isSecure() ? secureInstructions(cluster) : "");
  }

  static String secureInstructions(DevCluster cluster) {
    return """

        The cluster is Kerberized (realm %s); clients need a Kerberos login. In the other shell also:

          export KRB5_CONFIG=%s                      # for kinit, klist
          export JAVA_OPTS="-Djava.security.krb5.conf=%s"   # for Java clients
          kinit -kt %s %s

        and give sluice-submit the keytab, so it can log in itself and renew its tokens; the
        containers find the KDC through the same krb5.conf (there is no /etc/krb5.conf for it):

          bin/sluice-submit submit --principal %s --keytab %s \\
              --conf sluice.driver.extraJavaOptions=-Djava.security.krb5.conf=%s \\
              --conf sluice.executor.extraJavaOptions=-Djava.security.krb5.conf=%s ...

        Delegation tokens need renewing every %d s and expire after %d s.
        """.formatted(cluster.kdcRealm(), cluster.krb5Conf(), cluster.krb5Conf(), cluster.userKeytab(),
        cluster.userPrincipal(), cluster.userPrincipal(), cluster.userKeytab(), cluster.krb5Conf(), cluster.krb5Conf(),
        DevCluster.DEFAULT_TOKEN_RENEW_INTERVAL.toSeconds(), DevCluster.DEFAULT_TOKEN_MAX_LIFETIME.toSeconds());
  }
}
