package io.sluice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type and every public or protected member of the API packages has a Javadoc
 * comment. A light scan of the sources (declarations start a line, as our style has them), not a
 * Java parser: {@code @Override} methods are skipped because Javadoc shows the overridden method's
 * comment, and so are members of types users cannot see (private nested classes).
 */
class PublicJavadocTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern TYPE = Pattern.compile("\\b(class|interface|enum|record|@interface)\\s+\\w+");
  private static final Pattern VISIBLE = Pattern.compile("^(public|protected)\\b.*");
  // In an interface every method is public: a line starting a method (return type, name, parameters).
  private static final Pattern INTERFACE_METHOD = Pattern.compile(
      "^(default\\s+|static\\s+|abstract\\s+)*(<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+\\s+\\w+\\(.*");

  /** A type being scanned: the brace depth of its members, whether it is an interface, whether users see it. */
  private record Scope(int memberDepth, boolean isInterface, boolean visible) {}

  @Test
  void everyPublicDeclarationHasJavadoc() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String pkg : PublicApiTest.API_PACKAGES) {
      Path dir = SOURCES.resolve(pkg.replace('.', '/'));
      List<Path> files;
      try (Stream<Path> listing = Files.list(dir)) {
        files = listing.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).sorted()
            .toList();
      }
      for (Path file : files) {
        scan(file, Files.readAllLines(file), missing);
      }
    }
    assertTrue(missing.isEmpty(), missing.size() + " public declarations have no Javadoc:\n  "
        + String.join("\n  ", missing));
  }

  private static void scan(Path file, List<String> lines, List<String> missing) {
    Deque<Scope> scopes = new ArrayDeque<>();
    int depth = 0;
    boolean inComment = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (inComment) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("/*")) {
        inComment = !line.contains("*/");
        continue;
      }
      String code = codeOf(line);
      Scope scope = scopes.peek();
      boolean outerVisible = scope == null || scope.visible();
      boolean atMemberLevel = scope == null ? depth == 0 : depth == scope.memberDepth();
      if (atMemberLevel && outerVisible && !code.isEmpty() && !code.startsWith("@") && !code.startsWith("}")) {
        boolean typeDeclaration = TYPE.matcher(code).find() && !code.contains("(") || isTypeStart(code);
        boolean declaresVisible = VISIBLE.matcher(code).matches()
            || (scope != null && scope.isInterface() && !code.startsWith("private")
                && (typeDeclaration || INTERFACE_METHOD.matcher(code).matches()));
        if (declaresVisible && !overrides(lines, i) && !hasJavadoc(lines, i)) {
          missing.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + code);
        }
      }
      if (isTypeStart(code) && code.contains("{")) {
        boolean visible = outerVisible && (VISIBLE.matcher(code).matches()
            || scope != null && scope.isInterface() && !code.startsWith("private"));
        scopes.push(new Scope(depth + 1, code.matches(".*\\b(interface|@interface)\\b.*"), visible));
      }
      for (char c : code.toCharArray()) {
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
          while (!scopes.isEmpty() && depth < scopes.peek().memberDepth()) {
            scopes.pop();
          }
        }
      }
    }
  }

  private static boolean isTypeStart(String code) {
    return TYPE.matcher(code).find() && !code.contains("=") && !code.startsWith("return")
        && !code.contains("new ") && !code.matches("^[\\w.<>]+\\(.*");
  }

  /** The line without string and char literals and trailing comments, so braces in them do not count. */
  private static String codeOf(String line) {
    String code = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])+'", "''");
    int comment = code.indexOf("//");
    return (comment >= 0 ? code.substring(0, comment) : code).strip();
  }

  private static boolean overrides(List<String> lines, int declaration) {
    for (int i = declaration - 1; i >= 0 && lines.get(i).strip().startsWith("@"); i--) {
      if (lines.get(i).strip().startsWith("@Override")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the lines just above the declaration (past its annotations) end a comment that starts with {@code /**}. */
  private static boolean hasJavadoc(List<String> lines, int declaration) {
    int i = declaration - 1;
    while (i >= 0 && lines.get(i).strip().startsWith("@")) {
      i--;
    }
    if (i < 0 || !lines.get(i).strip().endsWith("*/")) {
      return false;
    }
    while (i >= 0 && !lines.get(i).strip().startsWith("/*")) {
      i--;
    }
    return i >= 0 && lines.get(i).strip().startsWith("/**");
  }
}
