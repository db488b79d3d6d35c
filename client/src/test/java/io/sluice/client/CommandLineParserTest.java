package io.sluice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {
  private static final List<String> BASE = List.of("submit", "--class", "com.example.Job", "--jar", "app.jar");

  private static Command parse(String... args) {
    return CommandLineParser.parse(List.of(args));
  }

  private static Command.Submit submit(String... extra) {
    List<String> args = new ArrayList<>(BASE);
    args.addAll(List.of(extra));
    return (Command.Submit) CommandLineParser.parse(args);
  }

  private static String problem(String... args) {
    return assertThrows(UsageException.class, () -> CommandLineParser.parse(List.of(args))).getMessage();
  }

  private static String submitProblem(String... extra) {
    List<String> args = new ArrayList<>(BASE);
    args.addAll(List.of(extra));
    return assertThrows(UsageException.class, () -> CommandLineParser.parse(args)).getMessage();
  }

  @Test
  void submitWithEveryOption() {
    Command.Submit s = submit("--name", "words", "--queue", "q1", "--executors", "3", "--executor-cores", "2",
        "--executor-memory", "1g", "--driver-memory", "512m", "--max-attempts", "1",
        "--conf", "sluice.streaming.blockInterval=100ms", "--jars", "lib/kafka.jar", "--detach", "--", "a b",
        "--not-an-option");
    assertEquals("com.example.Job", s.mainClass());
    assertEquals(Path.of("app.jar"), s.jar());
    assertEquals(List.of(Path.of("lib/kafka.jar")), s.extraJars());
    assertTrue(s.detach());
    assertEquals(List.of("a b", "--not-an-option"), s.appArgs());
    assertEquals(Map.of("sluice.app.name", "words", "sluice.yarn.queue", "q1", "sluice.executor.instances", "3",
        "sluice.executor.cores", "2", "sluice.executor.memory", "1024m", "sluice.driver.memory", "512m",
        "sluice.yarn.maxAppAttempts", "1", "sluice.streaming.blockInterval", "100ms"), s.conf());
  }

  @Test
  void defaultsNameTheApplicationAfterTheMainClass() {
    Command.Submit s = submit();
    assertEquals(Map.of("sluice.app.name", "Job"), s.conf());
    assertEquals(List.of(), s.extraJars());
    assertFalse(s.detach());
    assertEquals(List.of(), s.appArgs());
  }

  @Test
  void optionsWinOverConfWhateverTheOrder() {
    Command.Submit s = submit("--executors", "4", "--conf", "sluice.executor.instances=7",
        "--conf", "sluice.app.name=fromConf");
    assertEquals("4", s.conf().get("sluice.executor.instances"));
    assertEquals("fromConf", s.conf().get("sluice.app.name"));
  }

  @Test
  void optionsAcceptTheEqualsForm() {
    Command.Submit s = submit("--executors=5", "--conf=sluice.a.b=x=y");
    assertEquals("5", s.conf().get("sluice.executor.instances"));
    assertEquals("x=y", s.conf().get("sluice.a.b"));
  }

  @Test
  void jarsAreCommaSeparatedPathsInTheGivenOrderAndRepeatable() {
    Command.Submit s = submit("--jars", "lib/kafka-clients.jar, /opt/connectors ,a.jar", "--jars=z.jar");
    assertEquals(List.of(Path.of("lib/kafka-clients.jar"), Path.of("/opt/connectors"), Path.of("a.jar"),
        Path.of("z.jar")), s.extraJars());
  }

  @Test
  void emptyJarEntriesAreRefused() {
    assertEquals("--jars must not be empty", submitProblem("--jars", ""));
    assertEquals("--jars needs comma-separated jar files or directories, got an empty entry in 'a.jar,,b.jar'",
        submitProblem("--jars", "a.jar,,b.jar"));
    assertEquals("--jars needs comma-separated jar files or directories, got an empty entry in 'a.jar,'",
        submitProblem("--jars", "a.jar,"));
    assertEquals("--jars needs a value", submitProblem("--jars"));
  }

  @Test
  void sizesAreNormalizedToMegabytes() {
    assertEquals("512m", submit("--executor-memory", "512m").conf().get("sluice.executor.memory"));
    assertEquals("2048m", submit("--executor-memory", "2G").conf().get("sluice.executor.memory"));
    assertEquals("768m", submit("--driver-memory", "768").conf().get("sluice.driver.memory"));
    assertEquals("1m", submit("--driver-memory", "1024k").conf().get("sluice.driver.memory"));
  }

  @Test
  void filesAndArchivesAreLocalizedUnderTheirOwnOrTheGivenName(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path csv = java.nio.file.Files.writeString(dir.resolve("words.csv"), "a,1");
    Path zip = TestJars.jar(dir.resolve("model.zip"), null, "weights.bin");
    Command.Submit s = submit("--files", csv + "," + csv + "#lookup.csv,hdfs://nn:8020/data/stop-words.txt",
        "--archives", zip + "#model");
    assertEquals(List.of("words.csv", "lookup.csv", "stop-words.txt", "model"),
        s.files().stream().map(UserFiles.UserFile::name).toList());
    assertEquals(List.of(false, false, false, true), s.files().stream().map(UserFiles.UserFile::archive).toList());
    assertEquals(java.net.URI.create("hdfs://nn:8020/data/stop-words.txt"), s.files().get(2).remote());
    assertEquals(null, s.files().get(2).local());

    assertEquals("--files: two files would be localized as 'words.csv'; give one another name with path#name",
        submitProblem("--files", csv + "," + csv));
    assertTrue(submitProblem("--archives", csv.toString()).contains("YARN unpacks only .zip, .jar, .tar, .tar.gz, .tgz"));
    assertTrue(submitProblem("--files", csv + "#__app__.jar").contains("is the name of a file Sluice puts in every"));
    assertTrue(submitProblem("--files", csv + "#a/b").contains("'a/b' is not a file name"));
    assertEquals("--files needs comma-separated paths, got an empty entry in '" + csv + ",'",
        submitProblem("--files", csv + ","));
  }

  @Test
  void aKeytabNeedsItsPrincipalAndMustExist(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path keytab = java.nio.file.Files.write(dir.resolve("app.keytab"), new byte[] {5, 2});
    Command.Submit s = submit("--principal", "app@EXAMPLE.COM", "--keytab", keytab.toString());
    assertEquals("app@EXAMPLE.COM", s.conf().get("sluice.yarn.principal"));
    assertEquals(keytab.toAbsolutePath().toString(), s.conf().get("sluice.yarn.keytab"));
    assertEquals("--principal needs --keytab (without both, the ticket cache of kinit is used)",
        submitProblem("--principal", "app@EXAMPLE.COM"));
    assertEquals("--keytab needs --principal", submitProblem("--keytab", keytab.toString()));
    assertEquals("--keytab " + dir.resolve("none.keytab") + ": no such readable file",
        submitProblem("--principal", "app@EXAMPLE.COM", "--keytab", dir.resolve("none.keytab").toString()));
  }

  @Test
  void badSubmitArguments() {
    assertEquals("--executors must be a positive integer, got 'x'", submitProblem("--executors", "x"));
    assertEquals("--executors must be a positive integer, got '0'", submitProblem("--executors", "0"));
    assertEquals("--executor-cores must be a positive integer, got '-1'", submitProblem("--executor-cores", "-1"));
    assertEquals("--max-attempts must be a positive integer, got '1.5'", submitProblem("--max-attempts", "1.5"));
    assertEquals("--executor-memory must be a size such as 512m or 1g, got '1.5g'",
        submitProblem("--executor-memory", "1.5g"));
    assertEquals("--driver-memory must be a size such as 512m or 1g, got 'lots'", submitProblem("--driver-memory", "lots"));
    assertEquals("--driver-memory must be a size such as 512m or 1g, got '0m'", submitProblem("--driver-memory", "0m"));
    assertEquals("--queue must not be empty", submitProblem("--queue", " "));
    assertEquals("--conf keys must start with 'sluice.', got 'spark.executor.cores'",
        submitProblem("--conf", "spark.executor.cores=2"));
    assertEquals("--conf needs key=value, got 'sluice.executor.cores'", submitProblem("--conf", "sluice.executor.cores"));
    assertTrue(submitProblem("--conf", "sluice.executor.cores=many")
        .startsWith("--conf sluice.executor.cores=many: Invalid value 'many' for sluice.executor.cores"));
    assertEquals("unknown option '--executer-cores'", submitProblem("--executer-cores", "2"));
    assertEquals("--executors needs a value", submitProblem("--executors"));
    assertEquals("unexpected argument 'extra' (arguments for the application go after --)", submitProblem("extra"));
    assertEquals("--class is required", problem("submit", "--jar", "app.jar"));
    assertEquals("--jar is required", problem("submit", "--class", "a.B"));
    assertEquals("--class must be a fully qualified class name, got 'a.1B'",
        problem("submit", "--class", "a.1B", "--jar", "app.jar"));
    assertEquals("--jar must not be empty", problem("submit", "--class", "a.B", "--jar", ""));
  }

  @Test
  void commands() {
    assertEquals("no command given", problem());
    assertEquals("unknown command 'sumbit' (expected submit, status or kill)", problem("sumbit"));
    assertInstanceOf(Command.Help.class, parse("--help"));
    assertInstanceOf(Command.Help.class, parse("-h"));
  }

  @Test
  void status() {
    Command.Status s = (Command.Status) parse("status", "application_1700000000000_0007");
    assertEquals("application_1700000000000_0007", s.appId().toString());
    assertEquals("status needs an application id", problem("status"));
    assertEquals("unknown option '--timeout' (only kill has --timeout)",
        problem("status", "application_1700000000000_0007", "--timeout", "1min"));
    assertEquals("--principal needs --keytab (without both, the ticket cache of kinit is used)",
        problem("status", "application_1700000000000_0007", "--principal", "me@EXAMPLE.COM"));
    assertEquals(java.util.Map.of(), s.login());
    assertEquals("'app_1' is not an application id (expected application_<clusterTimestamp>_<sequence>, "
        + "e.g. application_1700000000000_0001)", problem("status", "app_1"));
  }

  @Test
  void kill() {
    Command.Kill k = (Command.Kill) parse("kill", "application_1700000000000_0007");
    assertEquals(CommandLineParser.DEFAULT_KILL_TIMEOUT_MS, k.timeoutMs());
    assertEquals(90_000, ((Command.Kill) parse("kill", "--timeout", "90s", "application_1700000000000_0007")).timeoutMs());
    assertEquals(120_000, ((Command.Kill) parse("kill", "application_1700000000000_0007", "--timeout=2min")).timeoutMs());
    assertEquals("--timeout must be a duration with a unit such as 30s or 2min, got '60'",
        problem("kill", "application_1700000000000_0007", "--timeout", "60"));
    assertEquals("--timeout must be a duration with a unit such as 30s or 2min, got 'soon'",
        problem("kill", "application_1700000000000_0007", "--timeout", "soon"));
    assertEquals("--timeout needs a value", problem("kill", "application_1700000000000_0007", "--timeout"));
    assertEquals("kill needs an application id", problem("kill"));
    assertEquals("kill takes one application id, got 'application_1_0001' and 'application_1_0002'",
        problem("kill", "application_1_0001", "application_1_0002"));
    assertEquals("unknown option '--force'", problem("kill", "application_1_0001", "--force"));
    assertTrue(problem("kill", "nope").startsWith("'nope' is not an application id"));
  }
}
