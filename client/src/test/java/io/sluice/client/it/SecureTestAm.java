package io.sluice.client.it;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The ApplicationMaster of {@link SecureDevClusterIT}: registers with the ResourceManager (with
 * the AMRMToken YARN gave it), checks the file YARN localized into its working directory and the
 * same file read from HDFS with the delegation token of its container credentials, and
 * unregisters SUCCEEDED when both hold the expected text, FAILED (with the reason) otherwise.
 * <pre>{@code SecureTestAm <localized file name> <hdfs uri of the file> <expected text>}</pre>
 */
public final class SecureTestAm {
  private SecureTestAm() {}

  public static void main(String[] args) throws Exception {
    String localName = args[0];
    URI hdfsFile = URI.create(args[1]);
    String expected = args[2];
    Configuration conf = new YarnConfiguration();
    System.out.println("AM user " + UserGroupInformation.getCurrentUser() + ", security "
        + UserGroupInformation.isSecurityEnabled() + ", tokens " + UserGroupInformation.getCurrentUser().getTokens());

    String problem = null;
    String localized = Files.readString(Path.of(localName), StandardCharsets.UTF_8);
    if (!expected.equals(localized)) {
      problem = "localized file holds '" + localized + "'";
    }
    try (FileSystem fs = FileSystem.newInstance(hdfsFile, conf);
         InputStream in = fs.open(new org.apache.hadoop.fs.Path(hdfsFile))) {
      String fromHdfs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!expected.equals(fromHdfs)) {
        problem = "HDFS file holds '" + fromHdfs + "'";
      }
    } catch (Exception e) {
      e.printStackTrace();
      problem = "reading HDFS failed: " + e;
    }

    AMRMClient<AMRMClient.ContainerRequest> rm = AMRMClient.createAMRMClient();
    rm.init(conf);
    rm.start();
    rm.registerApplicationMaster("", 0, "");
    System.out.println("registered; problem: " + problem);
    rm.unregisterApplicationMaster(problem == null ? FinalApplicationStatus.SUCCEEDED : FinalApplicationStatus.FAILED,
        problem == null ? "read the file both ways" : problem, null);
    rm.stop();
  }
}
