package io.sluice.devcluster;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;

/**
 * The settings that turn a {@link DevCluster} into a Kerberos-secured one, as additions to the
 * three site files. They go both to the daemons and into the conf dir: a client needs the
 * authentication method, the service principals (it checks the servers' identity against them),
 * {@code auth_to_local} and the data transfer protection; the keytab paths in them are the
 * daemons' and harmless to clients.
 */
final class SecureSiteConfigs {
  private SecureSiteConfigs() {}

  static SiteConfigs of(DevKdc kdc, Duration tokenRenewInterval, Duration tokenMaxLifetime) {
    String service = kdc.servicePrincipal();
    String http = kdc.httpPrincipal();
    String keytab = kdc.serviceKeytab().toString();

    Configuration core = new Configuration(false);
    core.set("hadoop.security.authentication", "kerberos");
    core.setBoolean("hadoop.security.authorization", true);
    // Every two-part principal of the realm (the services, HTTP) is the OS user, like the user
    // principal (by DEFAULT): the NameNode's superuser, the files' owner, the containers' user and
    // the renewer of delegation tokens are then all the same user.
    core.set("hadoop.security.auth_to_local",
        "RULE:[2:$1@$0](.*@" + kdc.realm().replace(".", "\\.") + ")s/.*/" + kdc.user() + "/\nDEFAULT");

    Configuration hdfs = new Configuration(false);
    hdfs.set("dfs.namenode.kerberos.principal", service);
    hdfs.set("dfs.namenode.keytab.file", keytab);
    hdfs.set("dfs.datanode.kerberos.principal", service);
    hdfs.set("dfs.datanode.keytab.file", keytab);
    hdfs.set("dfs.web.authentication.kerberos.principal", http);
    hdfs.set("dfs.web.authentication.kerberos.keytab", keytab);
    // A secure DataNode refuses to start without block access tokens.
    hdfs.setBoolean("dfs.block.access.token.enable", true);
    // The client retry policy (SiteConfigs) would also retry a client that fails to authenticate,
    // for about 11 minutes, since a refused SASL handshake is an IOException to it: a kerberized
    // cluster must refuse at once (SecureDevClusterIT). No test restarts its NameNode.
    hdfs.setBoolean("dfs.client.retry.policy.enabled", false);
    // SASL on the DataNode's data transfer port instead of root-only ports (< 1024): with it,
    // MiniDFSCluster does not try to bind privileged ports.
    hdfs.set("dfs.data.transfer.protection", "authentication");
    // The DataNode still insists on privileged ports or an HTTPS-only web UI (which needs
    // keystores); this test switch lifts that.
    hdfs.setBoolean("ignore.secure.ports.for.testing", true);
    long renew = tokenRenewInterval.toMillis();
    long max = tokenMaxLifetime.toMillis();
    hdfs.setLong("dfs.namenode.delegation.token.renew-interval", renew);
    hdfs.setLong("dfs.namenode.delegation.token.max-lifetime", max);
    hdfs.setLong("dfs.namenode.delegation.key.update-interval", renew);

    Configuration yarn = new Configuration(false);
    yarn.set("yarn.resourcemanager.principal", service);
    yarn.set("yarn.resourcemanager.keytab", keytab);
    yarn.set("yarn.nodemanager.principal", service);
    yarn.set("yarn.nodemanager.keytab", keytab);
    yarn.set("yarn.resourcemanager.webapp.spnego-principal", http);
    yarn.set("yarn.resourcemanager.webapp.spnego-keytab-file", keytab);
    yarn.set("yarn.nodemanager.webapp.spnego-principal", http);
    yarn.set("yarn.nodemanager.webapp.spnego-keytab-file", keytab);
    // Containers run as the NodeManager's user; the LinuxContainerExecutor would need root.
    yarn.set("yarn.nodemanager.container-executor.class",
        "org.apache.hadoop.yarn.server.nodemanager.DefaultContainerExecutor");
    // The ResourceManager renews an application's HDFS tokens while it runs, up to their maximum
    // lifetime; with these it also obtains new ones (as a proxy of the application's user) when
    // that is near, so a new ApplicationMaster attempt can still localize its files from HDFS.
    yarn.setBoolean("yarn.resourcemanager.proxy-user-privileges.enabled", true);
    yarn.setLong("yarn.resourcemanager.system-credentials.valid-time-remaining", max / 2);
    core.set("hadoop.proxyuser." + kdc.user() + ".hosts", "*");
    core.set("hadoop.proxyuser." + kdc.user() + ".groups", "*");
    yarn.setLong("yarn.resourcemanager.delegation.token.renew-interval", renew);
    yarn.setLong("yarn.resourcemanager.delegation.token.max-lifetime", max);
    yarn.setLong("yarn.resourcemanager.delegation.key.update-interval", renew);
    return new SiteConfigs(core, hdfs, yarn);
  }
}
