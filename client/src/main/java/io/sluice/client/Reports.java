package io.sluice.client;

import io.sluice.core.SluiceException;
import java.io.IOException;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;

/** An application's report, with a clear error for an id the ResourceManager does not know. */
final class Reports {
  private Reports() {}

  static ApplicationReport get(YarnClient yarn, ApplicationId appId) throws IOException, YarnException {
    try {
      return yarn.getApplicationReport(appId);
    } catch (ApplicationNotFoundException e) {
      throw new SluiceException("The ResourceManager at " + yarn.getConfig().get(YarnConfiguration.RM_ADDRESS)
          + " knows no application " + appId + " (finished applications are forgotten after a while)");
    }
  }
}
