package io.sluice.yarn;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the user's {@code main(String[])} (the driver program) on its own thread, as
 * {@code spark-submit --deploy-mode cluster} would: the application jar is on the container's
 * classpath, the master is {@code yarn} (set by the ApplicationMaster as {@code -Dsluice.master}).
 */
final class UserDriver {
  private static final Logger log = LoggerFactory.getLogger(UserDriver.class);

  private final String mainClass;
  private final List<String> args;

  UserDriver(String mainClass, List<String> args) {
    this.mainClass = mainClass;
    this.args = List.copyOf(args);
  }

  DriverOutcome run() throws InterruptedException {
    Method main;
    try {
      Class<?> type = Class.forName(mainClass, false, Thread.currentThread().getContextClassLoader());
      main = type.getMethod("main", String[].class);
      if (!Modifier.isStatic(main.getModifiers())) {
        return new DriverOutcome("The main method of " + mainClass + " is not static", false);
      }
    } catch (ClassNotFoundException e) {
      return new DriverOutcome("Class " + mainClass + " is not in the application jar", false);
    } catch (NoSuchMethodException e) {
      return new DriverOutcome("Class " + mainClass + " has no public static void main(String[])", false);
    } catch (LinkageError e) {
      return new DriverOutcome("Class " + mainClass + " could not be loaded: " + e, false);
    }
    AtomicReference<DriverOutcome> outcome = new AtomicReference<>(DriverOutcome.succeeded());
    Thread driver = new Thread(() -> {
      try {
        main.invoke(null, (Object) args.toArray(new String[0]));
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        log.error("The driver ({}) failed", mainClass, cause);
        outcome.set(new DriverOutcome("User class " + mainClass + " threw " + stackTrace(cause), true));
      } catch (IllegalAccessException e) {
        outcome.set(new DriverOutcome("Cannot call the main method of " + mainClass + ": " + e, false));
      }
    }, "driver");
    driver.start();
    log.info("Started the driver: {}.main({})", mainClass, args);
    driver.join();
    return outcome.get();
  }

  private static String stackTrace(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
