package io.sluice.internal.history;

import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.eventlog.EventLogLayout;
import io.sluice.internal.ui.JsonWriter;
import io.sluice.internal.ui.UiHttpServer;
import io.sluice.internal.ui.UiRequest;
import io.sluice.internal.ui.UiResponse;
import io.sluice.internal.ui.UiRoutes;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the applications whose event logs are in {@code sluice.eventLog.dir}: "/" lists them,
 * "/history/&lt;appId&gt;/" serves an application's latest attempt with the driver UI's own pages
 * and JSON ({@link UiRoutes}), rebuilt by replaying its log, and "/history/&lt;appId&gt;/&lt;n&gt;/"
 * its attempt n (YARN attempt ids are numbers; the UI's own paths never start with a digit). Every request first reads what the logs
 * gained since the last one, so running applications stay current. Links are relative, so it also
 * works behind a proxy.
 *
 * <p>With {@code sluice.history.fs.cleaner.enabled} it also deletes the logs of applications that
 * ended longer than {@code sluice.history.fs.cleaner.maxAge} ago ({@link EventLogCleaner}), every
 * {@code sluice.history.fs.cleaner.interval}.
 *
 * <p>Listening when constructed; {@link #stop} closes it. Thread-safe.
 */
public final class HistoryServer {
  private static final Logger log = LoggerFactory.getLogger(HistoryServer.class);
  private static final String PREFIX = "/history/";

  private final FileSystem fs;
  private final Path logDir;
  private final Map<String, LoggedRun> runs = new ConcurrentHashMap<>();
  private final UiHttpServer server;
  private final java.util.concurrent.ScheduledExecutorService cleaner =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-history-cleaner");
        t.setDaemon(true);
        return t;
      });

  /** Serves the logs under {@code logDir} (any Hadoop file system URI) on {@code port} (0: any free port). */
  public HistoryServer(Configuration hadoopConf, String logDir, int port) {
    try {
      Path dir = new Path(logDir);
      this.fs = EventLogLayout.fileSystem(dir, hadoopConf);
      this.logDir = fs.makeQualified(dir);
    } catch (IOException e) {
      throw new SluiceException("Cannot open the event log directory " + logDir + ": " + e, e);
    }
    this.server = new UiHttpServer("sluice-history-ui", port, 0, SluiceOptions.HISTORY_UI_PORT.key(), this::route);
    log.info("History server for {} listening on port {}", this.logDir, port());
  }

  public int port() {
    return server.port();
  }

  public void stop() {
    cleaner.shutdownNow();
    server.stop();
  }

  /** Starts deleting old logs every {@code intervalMs}, the first time now. */
  public void cleanEvery(long intervalMs, long maxAgeMs) {
    EventLogCleaner logs = new EventLogCleaner(fs, logDir, maxAgeMs);
    cleaner.scheduleWithFixedDelay(() -> {
      try {
        logs.clean(System.currentTimeMillis()).forEach(runs::remove);
      } catch (IOException | RuntimeException e) {
        log.warn("Could not clean the event logs in {}: {}", logDir, e.toString());
      }
    }, 0, Math.max(1, intervalMs), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private UiResponse route(UiRequest request) {
    String path = request.path();
    List<LoggedRun> all = refresh();
    if (path.equals("/")) {
      return UiResponse.html(HistoryPage.render(all));
    }
    if (path.equals("/api/v1/applications")) {
      return UiResponse.json(applicationsJson(all));
    }
    if (!path.startsWith(PREFIX)) {
      return UiResponse.notFound(path);
    }
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String appId = slash < 0 ? rest : rest.substring(0, slash);
    Optional<LoggedRun> run = latestAttempt(all, appId);
    String root = appId;
    if (slash >= 0) {
      String next = rest.substring(slash + 1).split("/", 2)[0];
      if (!next.isEmpty() && next.chars().allMatch(Character::isDigit)) {
        run = attempt(all, appId, next);
        root = appId + "/" + next;
        slash = rest.indexOf('/', slash + 1);
      }
    }
    if (run.isEmpty()) {
      return UiResponse.notFound(path);
    }
    // Without the trailing slash, relative links must name the application (or attempt) to stay inside it.
    UiResponse page = slash < 0 ? UiRoutes.pageAt(run.get().app(), root.substring(root.lastIndexOf('/') + 1) + "/")
        : UiRoutes.answer(request.withPath(rest.substring(slash)), run.get().app());
    return withLinkToTheList(page, path);
  }

  private static Optional<LoggedRun> attempt(List<LoggedRun> all, String appId, String attemptId) {
    return all.stream().filter(r -> r.app().appId().equals(appId) && r.app().attemptId().orElse("").equals(attemptId))
        .findFirst();
  }

  /** An application's HTML pages link back to the list of runs (relatively, to work behind a proxy). */
  private static UiResponse withLinkToTheList(UiResponse page, String path) {
    if (page.status() != 200 || !page.contentType().startsWith("text/html")) {
      return page;
    }
    String up = "../".repeat((int) path.chars().filter(c -> c == '/').count() - 1);
    String link = "<p class=\"nav\"><a href=\"" + (up.isEmpty() ? "./" : up) + "\">All applications</a></p>\n";
    return new UiResponse(page.status(), page.contentType(), page.body().replaceFirst("<body>\n", "<body>\n" + link));
  }

  /** Every run in the directory, with what its log gained since the last refresh. */
  private List<LoggedRun> refresh() {
    FileStatus[] dirs;
    try {
      dirs = fs.listStatus(logDir);
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new SluiceException("Cannot list the event logs in " + logDir + ": " + e, e);
    }
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (FileStatus dir : dirs) {
      if (dir.isDirectory()) {
        listed.add(dir.getPath().getName());
        LoggedRun run = runs.computeIfAbsent(dir.getPath().getName(), name -> new LoggedRun(fs, dir.getPath()));
        try {
          run.refresh();
        } catch (IOException e) {
          log.warn("Cannot read the event log {}: {}", dir.getPath(), e.toString());
        }
      }
    }
    runs.keySet().retainAll(listed); // logs deleted meanwhile (the cleaner, or by hand)
    return runs.values().stream()
        .sorted(Comparator.comparingLong((LoggedRun r) -> r.app().app().startTime()).reversed()).toList();
  }

  private static Optional<LoggedRun> latestAttempt(List<LoggedRun> all, String appId) {
    return all.stream().filter(r -> r.app().appId().equals(appId)).findFirst(); // newest first
  }

  private static String applicationsJson(List<LoggedRun> all) {
    JsonWriter json = new JsonWriter().beginArray();
    for (LoggedRun run : all) {
      ReplayedApplication app = run.app();
      json.beginObject()
          .name("id").value(app.appId())
          .name("attemptId").value(app.attemptId().orElse(null))
          .name("name").value(app.app().appName())
          .name("user").value(app.user())
          .name("startTime").value(app.app().startTime())
          .name("endTime");
      app.endTime().ifPresentOrElse(json::value, json::nullValue);
      json.name("completed").value(!run.inProgress())
          .name("path").value("history/" + app.appId() + "/")
          .name("attemptPath").value(app.attemptId().map(a -> "history/" + app.appId() + "/" + a + "/").orElse(null))
          .endObject();
    }
    return json.endArray().toJson();
  }
}
