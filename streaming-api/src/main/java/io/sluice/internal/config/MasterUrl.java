package io.sluice.internal.config;

import io.sluice.core.SluiceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed master URL: where the executors of an application come from. */
public sealed interface MasterUrl {

  /** Threads in the driver's JVM: {@code local}, {@code local[N]}, {@code local[*]}. */
  record Local(int threads) implements MasterUrl {}

  /** Executors as child processes on this machine: {@code local-cluster[executors,cores,memoryMB]}. */
  record LocalCluster(int executors, int coresPerExecutor, int memoryMb) implements MasterUrl {}

  /** Executors in YARN containers; the driver runs in the ApplicationMaster. */
  record Yarn() implements MasterUrl {}

  Pattern LOCAL_N = Pattern.compile("local\\[\\s*([0-9]+|\\*)\\s*]");
  Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*]");

  static MasterUrl parse(String master) {
    String m = master == null ? "" : master.trim();
    if (m.equals("local")) {
      return new Local(1);
    }
    if (m.equals("yarn")) {
      return new Yarn();
    }
    Matcher local = LOCAL_N.matcher(m);
    if (local.matches()) {
      int n = local.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : parsePositive(master, local.group(1));
      return new Local(n);
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(m);
    if (cluster.matches()) {
      return new LocalCluster(parsePositive(master, cluster.group(1)), parsePositive(master, cluster.group(2)),
          parsePositive(master, cluster.group(3)));
    }
    throw invalid(master, "not a recognised form");
  }

  private static int parsePositive(String master, String digits) {
    try {
      int n = Integer.parseInt(digits);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw invalid(master, "'" + digits + "' must be a positive number");
  }

  private static SluiceException invalid(String master, String why) {
    return new SluiceException("Invalid master URL '" + master + "' (" + why + "); expected local, local[N], local[*], "
        + "local-cluster[executors,coresPerExecutor,memoryMB] or yarn");
  }
}
