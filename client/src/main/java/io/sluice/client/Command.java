package io.sluice.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/** A parsed {@code sluice-submit} command line. */
sealed interface Command {

  /** {@code -h}, {@code --help} or {@code help}. */
  record Help() implements Command {}

  /**
   * @param extraJars the {@code --jars} entries as given (files or directories), not yet checked: see
   *     {@link ExtraJars#expand}
   * @param files the {@code --files} and {@code --archives}, checked ({@link UserFiles})
   * @param conf every {@code sluice.*} setting for the application: the {@code --conf} pairs, overridden by
   *     the dedicated options ({@code --executors} sets {@code sluice.executor.instances}, ...); all valid
   */
  record Submit(String mainClass, Path jar, List<Path> extraJars, List<UserFiles.UserFile> files,
                Map<String, String> conf, boolean detach, List<String> appArgs) implements Command {
    public Submit {
      extraJars = List.copyOf(extraJars);
      files = List.copyOf(files);
      conf = Map.copyOf(conf);
      appArgs = List.copyOf(appArgs);
    }
  }

  /** @param login {@code sluice.yarn.principal}/{@code keytab} from {@code --principal}/{@code --keytab}, or empty */
  record Status(ApplicationId appId, Map<String, String> login) implements Command {
    public Status {
      login = Map.copyOf(login);
    }
  }

  /**
   * @param timeoutMs how long a graceful stop may take before the application is killed
   * @param login as for {@link Status}
   */
  record Kill(ApplicationId appId, long timeoutMs, Map<String, String> login) implements Command {
    public Kill {
      login = Map.copyOf(login);
    }
  }
}
