package io.sluice.client;

import io.sluice.core.SluiceException;
import io.sluice.internal.cluster.DelegationTokens;
import io.sluice.internal.cluster.ExecutorLaunchSpec;
import io.sluice.yarn.ApplicationSpec;
import io.sluice.yarn.ContainerCommands;
import io.sluice.yarn.StagedFile;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.ResourceRequest;

/** Fills in the ResourceManager's submission context for a staged Sluice application. */
final class AmLaunch {
  static final String AM_MAIN_CLASS = "io.sluice.yarn.ApplicationMasterMain";
  static final String APPLICATION_TYPE = "SLUICE";

  private AmLaunch() {}

  /**
   * Fails before anything is uploaded when a container could never be allocated: the ResourceManager
   * would otherwise reject the ApplicationMaster, or leave executor requests pending forever.
   */
  static void checkFits(AppSettings settings, Resource maximum) {
    long maxMb = maximum.getMemorySize();
    if (settings.amContainerMb() > maxMb) {
      throw new SluiceException("The ApplicationMaster container needs " + settings.amContainerMb()
          + " MB (driver memory " + settings.driverMemoryMb() + " MB + overhead) but the cluster's largest container is "
          + maxMb + " MB; lower --driver-memory");
    }
    if (settings.executorContainerMb() > maxMb) {
      throw new SluiceException("An executor container needs " + settings.executorContainerMb()
          + " MB (executor memory + overhead) but the cluster's largest container is " + maxMb
          + " MB; lower --executor-memory or sluice.executor.memoryOverhead");
    }
  }

  /**
   * The ApplicationMaster container's credentials: the delegation tokens (kerberized cluster) and
   * the application secret, chosen here once so that every attempt's driver has the same one and
   * executors kept from an earlier attempt can authenticate to the next.
   */
  static ByteBuffer amCredentials(Optional<ByteBuffer> tokens, byte[] secret) {
    Credentials credentials = tokens.map(b -> {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      return DelegationTokens.read(bytes);
    }).orElseGet(Credentials::new);
    credentials.addSecretKey(new Text(ExecutorLaunchSpec.SECRET_CREDENTIAL), secret);
    return ByteBuffer.wrap(DelegationTokens.write(credentials));
  }

  static void fill(ApplicationSubmissionContext context, AppSettings settings, Staging.Staged staged) {
    context.setApplicationName(settings.appName());
    context.setQueue(settings.queue());
    context.setApplicationType(APPLICATION_TYPE);
    context.setMaxAppAttempts(settings.maxAttempts());
    // Executors outlive a failed attempt and join the next one's driver (sluice.executor.driverLossTimeout).
    context.setKeepContainersAcrossApplicationAttempts(true);
    settings.attemptValidityMs().ifPresent(context::setAttemptFailuresValidityInterval);
    context.setResource(Resource.newInstance(settings.amContainerMb(), 1));
    Map<String, StagedFile> amFiles = new HashMap<>(Map.of(ApplicationSpec.FILE_NAME, staged.specFile()));
    if (staged.keytab() != null) {
      amFiles.put(ApplicationSpec.KEYTAB, staged.keytab());
    }
    context.setAMContainerSpec(ContainerCommands.javaContainer(staged.spec(), ContainerCommands.Role.APPLICATION_MASTER,
        amFiles, staged.spec().driverMemoryMb(), AM_MAIN_CLASS, List.of()));
    settings.containers().amNodeLabel().ifPresent(label -> {
      ResourceRequest am = ResourceRequest.newInstance(Priority.newInstance(0), ResourceRequest.ANY,
          context.getResource(), 1);
      am.setNodeLabelExpression(label);
      context.setAMContainerResourceRequests(List.of(am));
    });
  }
}
