package io.sluice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.RDD;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what API.md lists: no public type, and no public or protected member of one
 * (what a user sees, also when subclassing), may name an internal or non-public type. Scans the
 * compiled classes of the API packages, so a new class or member is checked without listing it.
 */
class PublicApiTest {
  static final List<String> API_PACKAGES = List.of("io.sluice.api", "io.sluice.api.function", "io.sluice.core",
      "io.sluice.streaming", "io.sluice.streaming.receiver", "io.sluice.streaming.scheduler");

  @Test
  void publicSignaturesNameOnlyPublicApiTypes() throws Exception {
    List<Class<?>> types = publicApiTypes();
    assertTrue(types.size() > 30, "found only " + types.size() + " public types; is the scan broken?");
    Set<String> offenders = new TreeSet<>();
    for (Class<?> type : types) {
      String where = type.getName();
      check(offenders, where + " (supertype)", type.getGenericSuperclass());
      for (Type itf : type.getGenericInterfaces()) {
        check(offenders, where + " (interface)", itf);
      }
      for (TypeVariable<?> variable : type.getTypeParameters()) {
        checkAll(offenders, where + " (type parameter)", variable.getBounds());
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field)) {
          check(offenders, where + "." + field.getName(), field.getGenericType());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor)) {
          checkExecutable(offenders, where + ".<init>" + params(constructor), constructor);
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method) && !method.isSynthetic()) {
          checkExecutable(offenders, where + "." + method.getName() + params(method), method);
          check(offenders, where + "." + method.getName() + params(method) + " (returns)",
              method.getGenericReturnType());
        }
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          check(offenders, where + "." + component.getName(), component.getGenericType());
        }
      }
    }
    assertTrue(offenders.isEmpty(), offenders.size() + " public signatures name internal or non-public types:\n  "
        + String.join("\n  ", offenders));
  }

  private static void checkExecutable(Set<String> offenders, String where, Executable executable) {
    checkAll(offenders, where, executable.getGenericParameterTypes());
    checkAll(offenders, where + " (throws)", executable.getGenericExceptionTypes());
    for (TypeVariable<?> variable : executable.getTypeParameters()) {
      checkAll(offenders, where + " (type parameter)", variable.getBounds());
    }
  }

  private static void checkAll(Set<String> offenders, String where, Type[] types) {
    for (Type type : types) {
      check(offenders, where, type);
    }
  }

  /** Records every class named anywhere in {@code type} (type arguments, bounds, arrays) that users cannot see. */
  private static void check(Set<String> offenders, String where, Type type) {
    List<String> bad = new ArrayList<>();
    collectHidden(type, bad, new HashSet<>());
    for (String name : bad) {
      offenders.add(where + " names " + name);
    }
  }

  private static void collectHidden(Type type, List<String> bad, Set<Type> seen) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (!c.isPrimitive() && (c.getName().startsWith("io.sluice.internal.") || !isAccessible(c))) {
        bad.add(c.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      collectHidden(p.getRawType(), bad, seen);
      collectHidden(p.getOwnerType(), bad, seen);
      for (Type argument : p.getActualTypeArguments()) {
        collectHidden(argument, bad, seen);
      }
    } else if (type instanceof GenericArrayType array) {
      collectHidden(array.getGenericComponentType(), bad, seen);
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        collectHidden(bound, bad, seen);
      }
      for (Type bound : wildcard.getLowerBounds()) {
        collectHidden(bound, bad, seen);
      }
    } else if (type instanceof TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        collectHidden(bound, bad, seen);
      }
    }
  }

  /** Public, and so are the classes it is nested in. */
  private static boolean isAccessible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /** What a user sees: public members, and protected ones of classes they can extend. */
  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    if (Modifier.isPublic(modifiers)) {
      return true;
    }
    return Modifier.isProtected(modifiers) && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
  }

  private static String params(Executable executable) {
    StringBuilder s = new StringBuilder("(");
    for (Class<?> p : executable.getParameterTypes()) {
      s.append(s.length() > 1 ? ", " : "").append(p.getSimpleName());
    }
    return s.append(")").toString();
  }

  /** Every public (and accessibly nested) class compiled into the API packages of this module. */
  static List<Class<?>> publicApiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(RDD.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(classes)) {
      classes = FileSystems.newFileSystem(classes).getPath("/");
    }
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : API_PACKAGES) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      List<Path> files;
      try (Stream<Path> listing = Files.list(dir)) {
        files = listing.filter(f -> f.toString().endsWith(".class")).sorted().toList();
      }
      for (Path file : files) {
        String simple = file.getFileName().toString().replaceAll("\\.class$", "");
        Class<?> c = Class.forName(pkg + "." + simple, false, PublicApiTest.class.getClassLoader());
        if (!c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic() && isAccessible(c)) {
          types.add(c);
        }
      }
    }
    return types;
  }
}
