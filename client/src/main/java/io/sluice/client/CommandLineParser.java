package io.sluice.client;

import io.sluice.core.SluiceException;
import io.sluice.internal.config.ConfigOption;
import io.sluice.internal.config.ConfigOptions;
import io.sluice.internal.config.SluiceOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * Turns the arguments of {@code sluice-submit} into a {@link Command}, checking every value so that
 * nothing reaches the cluster that would fail there for a typing error.
 */
final class CommandLineParser {
  static final long DEFAULT_KILL_TIMEOUT_MS = 60_000;

  private static final Pattern CLASS_NAME =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  /** The dedicated options that stand for a configuration key, and how their value is checked. */
  private static final Map<String, ConfigOption<?>> KEY_OPTIONS = Map.of(
      "--name", SluiceOptions.APP_NAME,
      "--queue", SluiceOptions.YARN_QUEUE,
      "--executors", SluiceOptions.EXECUTOR_INSTANCES,
      "--executor-cores", SluiceOptions.EXECUTOR_CORES,
      "--executor-memory", SluiceOptions.EXECUTOR_MEMORY_MB,
      "--driver-memory", SluiceOptions.DRIVER_MEMORY_MB,
      "--max-attempts", SluiceOptions.YARN_MAX_APP_ATTEMPTS,
      "--principal", SluiceOptions.YARN_PRINCIPAL,
      "--keytab", SluiceOptions.YARN_KEYTAB);

  private CommandLineParser() {}

  /** @throws UsageException naming the first problem */
  static Command parse(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("no command given");
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "submit" -> parseSubmit(rest);
      case "status", "kill" -> parseAppCommand(args.get(0), rest);
      case "-h", "--help", "help" -> new Command.Help();
      default -> throw new UsageException("unknown command '" + args.get(0) + "' (expected submit, status or kill)");
    };
  }

  private static Command.Submit parseSubmit(List<String> args) {
    String mainClass = null;
    String jar = null;
    List<Path> extraJars = new ArrayList<>();
    List<UserFiles.UserFile> files = new ArrayList<>();
    boolean detach = false;
    Map<String, String> fromOptions = new HashMap<>();
    Map<String, String> fromConf = new LinkedHashMap<>();
    List<String> appArgs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        appArgs.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (arg.equals("--detach")) {
        detach = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (arguments for the application go after --)");
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        if (i + 1 >= args.size()) {
          throw new UsageException(name + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--class" -> mainClass = className(value);
        case "--jar" -> jar = nonBlank(name, value);
        case "--jars" -> extraJars.addAll(jarList(value));
        case "--files", "--archives" -> files.addAll(UserFiles.parse(name, nonBlank(name, value)));
        case "--conf" -> confPair(value, fromConf);
        default -> {
          ConfigOption<?> option = KEY_OPTIONS.get(name);
          if (option == null) {
            throw new UsageException("unknown option '" + name + "'");
          }
          fromOptions.put(option.key(), checkedOption(name, option, value));
        }
      }
    }
    if (mainClass == null) {
      throw new UsageException("--class is required");
    }
    if (jar == null) {
      throw new UsageException("--jar is required");
    }
    UserFiles.checkDistinctNames(files);
    Map<String, String> conf = new HashMap<>(fromConf);
    conf.putAll(fromOptions);
    checkKerberos(conf);
    conf.putIfAbsent(SluiceOptions.APP_NAME.key(), mainClass.substring(mainClass.lastIndexOf('.') + 1));
    return new Command.Submit(mainClass, Path.of(jar), extraJars, files, conf, detach, appArgs);
  }

  /** A keytab needs its principal and the other way round; without both, kinit's ticket cache is used. */
  private static void checkKerberos(Map<String, String> conf) {
    String principal = conf.get(SluiceOptions.YARN_PRINCIPAL.key());
    String keytab = conf.get(SluiceOptions.YARN_KEYTAB.key());
    if ((principal == null) != (keytab == null)) {
      throw new UsageException(principal == null ? "--keytab needs --principal" : "--principal needs --keytab "
          + "(without both, the ticket cache of kinit is used)");
    }
    if (keytab != null) {
      Path file = Path.of(keytab);
      if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
        throw new UsageException("--keytab " + keytab + ": no such readable file");
      }
      conf.put(SluiceOptions.YARN_KEYTAB.key(), file.toAbsolutePath().toString());
    }
  }

  /** {@code status} and {@code kill}: one application id; {@code --principal}/{@code --keytab}; kill's {@code --timeout}. */
  private static Command parseAppCommand(String command, List<String> args) {
    String appId = null;
    long timeoutMs = DEFAULT_KILL_TIMEOUT_MS;
    Map<String, String> login = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(0, eq) : arg;
        if (!List.of("--timeout", "--principal", "--keytab").contains(name)) {
          throw new UsageException("unknown option '" + name + "'");
        }
        String value;
        if (eq > 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException(name + " needs a value");
        }
        switch (name) {
          case "--timeout" -> {
            if (!command.equals("kill")) {
              throw new UsageException("unknown option '" + name + "' (only kill has --timeout)");
            }
            timeoutMs = timeout(value);
          }
          case "--principal" -> login.put(SluiceOptions.YARN_PRINCIPAL.key(), nonBlank(name, value));
          default -> login.put(SluiceOptions.YARN_KEYTAB.key(), nonBlank(name, value));
        }
      } else if (appId != null) {
        throw new UsageException(command + " takes one application id, got '" + appId + "' and '" + arg + "'");
      } else {
        appId = arg;
      }
    }
    if (appId == null) {
      throw new UsageException(command + " needs an application id");
    }
    checkKerberos(login);
    return command.equals("kill") ? new Command.Kill(appId(appId), timeoutMs, login)
        : new Command.Status(appId(appId), login);
  }

  static ApplicationId appId(String raw) {
    try {
      return ApplicationId.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new UsageException("'" + raw + "' is not an application id (expected application_<clusterTimestamp>_"
          + "<sequence>, e.g. application_1700000000000_0001)");
    }
  }

  private static String className(String value) {
    if (!CLASS_NAME.matcher(value).matches()) {
      throw new UsageException("--class must be a fully qualified class name, got '" + value + "'");
    }
    return value;
  }

  private static String nonBlank(String name, String value) {
    if (value.isBlank()) {
      throw new UsageException(name + " must not be empty");
    }
    return value;
  }

  /** {@code a.jar,lib,b.jar}: an empty entry is a typing error (or an unset variable), not "nothing". */
  private static List<Path> jarList(String value) {
    nonBlank("--jars", value);
    List<Path> paths = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      if (entry.isBlank()) {
        throw new UsageException("--jars needs comma-separated jar files or directories, got an empty entry in '"
            + value + "'");
      }
      paths.add(Path.of(entry.trim()));
    }
    return paths;
  }

  /** Duration with a unit: a bare number would mean milliseconds, which nobody means here. */
  private static long timeout(String value) {
    String v = value.trim();
    if (v.isEmpty() || Character.isDigit(v.charAt(v.length() - 1))) {
      throw new UsageException("--timeout must be a duration with a unit such as 30s or 2min, got '" + value + "'");
    }
    try {
      return ConfigOptions.parseDurationMs(v);
    } catch (RuntimeException e) {
      throw new UsageException("--timeout must be a duration with a unit such as 30s or 2min, got '" + value + "'");
    }
  }

  private static String checkedOption(String name, ConfigOption<?> option, String value) {
    nonBlank(name, value);
    if (option == SluiceOptions.EXECUTOR_MEMORY_MB || option == SluiceOptions.DRIVER_MEMORY_MB) {
      try {
        return ConfigOptions.parseSizeMb(value) + "m";
      } catch (RuntimeException e) {
        throw new UsageException(name + " must be a size such as 512m or 1g, got '" + value + "'");
      }
    }
    try {
      option.parse(value);
    } catch (SluiceException e) {
      throw new UsageException(name + " must be " + expectation(option) + ", got '" + value + "'");
    }
    return value.trim();
  }

  private static String expectation(ConfigOption<?> option) {
    return option == SluiceOptions.APP_NAME || option == SluiceOptions.YARN_QUEUE ? "a name" : "a positive integer";
  }

  private static void confPair(String pair, Map<String, String> conf) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--conf needs key=value, got '" + pair + "'");
    }
    String key = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1);
    if (!key.startsWith("sluice.")) {
      throw new UsageException("--conf keys must start with 'sluice.', got '" + key + "'");
    }
    Optional<ConfigOption<?>> known = SluiceOptions.ALL.stream().filter(o -> o.key().equals(key)).findFirst();
    if (known.isPresent()) {
      try {
        known.get().parse(value);
      } catch (SluiceException e) {
        throw new UsageException("--conf " + pair + ": " + e.getMessage());
      }
    }
    conf.put(key, value);
  }
}
