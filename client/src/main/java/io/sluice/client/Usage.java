package io.sluice.client;

/** The help text of {@code sluice-submit}. */
final class Usage {
  static final String TEXT = """
      Usage:
        sluice-submit submit --class MAIN_CLASS --jar APP_JAR [options] [-- app args...]
        sluice-submit status APPLICATION_ID [--principal P --keytab FILE]
        sluice-submit kill APPLICATION_ID [--timeout 60s] [--principal P --keytab FILE]

      submit options:
        --class C             the application's main class (it is the driver, run in the ApplicationMaster)
        --jar FILE            the application's jar; it must contain the main class
        --jars JARS           more jars for the driver and the executors, e.g. a connector and its client
                              library: comma-separated files and directories (a directory stands for its
                              *.jar); on the classpath after Sluice's jars and the application's; repeatable
        --files F[#NAME],...  files copied into the working directory of the driver and every executor
                              (as NAME if given); local paths are uploaded, hdfs:// ones used in place
        --archives A[#NAME]   .zip/.jar/.tar/.tar.gz/.tgz archives unpacked into directory NAME (default:
                              the file's name) in every container's working directory
        --name N              the application's name on YARN (default: the main class's simple name)
        --queue Q             YARN queue (default: default)
        --executors N         executor containers (default: 2)
        --executor-cores C    task threads per executor (default: 1)
        --executor-memory S   heap per executor, e.g. 512m or 1g (default: 1g)
        --driver-memory S     heap of the ApplicationMaster, which runs the driver (default: 1g)
        --max-attempts N      ApplicationMaster attempts before the application fails (default: 2)
        --principal P         Kerberos principal to log in as, with --keytab (default: the ticket cache of
        --keytab FILE         kinit); with a keytab the application renews its delegation tokens itself
        --conf KEY=VALUE      any sluice.* setting; repeatable; the options above win over it
        --detach              return once YARN has accepted the application
        --                    everything after it is passed to the main class

      kill stops the application gracefully (its streaming context finishes the batches it has) and
      kills it if it has not ended within --timeout.

      The Hadoop configuration comes from the classpath and from $HADOOP_CONF_DIR.
      Exit codes: 0 ok (a watched application SUCCEEDED), 1 the application ended FAILED or KILLED
      or an operation failed, 2 bad arguments.
      """;

  private Usage() {}
}
