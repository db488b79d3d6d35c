package io.sluice.internal.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import io.sluice.internal.metrics.DriverMetrics;
import io.sluice.internal.scheduler.ClusterBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's web UI, the application's YARN tracking URL: one HTML page ("/", also "/streaming/")
 * and JSON under /api/v1/. Served by the JDK's HTTP server on two daemon threads, listening on
 * every address. Behind the ResourceManager's proxy the UI lives under /proxy/&lt;appId&gt;/, so it
 * never redirects and never writes an absolute link.
 *
 * <p>Listening when constructed; {@link #stop} closes it at once. Thread-safe.
 */
public final class DriverUi {
  private static final Logger log = LoggerFactory.getLogger(DriverUi.class);
  private static final AtomicInteger SERVERS = new AtomicInteger();
  private static final String JSON = "application/json; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final ApplicationInfo app;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final String webUrl;
  // Both arrive after the UI started: the backend is created after it (a YARN backend registers the
  // tracking URL with the ResourceManager), and streaming contexts come and go on one SluiceContext.
  private volatile ClusterBackend backend;
  private volatile StreamingUiListener streaming;
  private volatile DriverMetrics metrics; // null: /metrics is off (sluice.metrics.enabled)

  /** Binds {@code sluice.ui.port} (or the next free port up to maxRetries above it) and starts serving. */
  public DriverUi(SluiceConf conf, ApplicationInfo app) {
    this.app = app;
    this.server = bind(SluiceOptions.UI_PORT.get(conf), SluiceOptions.UI_PORT_MAX_RETRIES.get(conf));
    int number = SERVERS.incrementAndGet();
    this.handlers = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "sluice-ui-" + number);
      t.setDaemon(true);
      return t;
    });
    try {
      server.setExecutor(handlers);
      server.createContext("/", this::handle);
      startDaemon(server);
    } catch (RuntimeException e) {
      server.stop(0);
      handlers.shutdownNow();
      throw e;
    }
    this.webUrl = "http://" + advertisedHost(conf) + ":" + port() + "/";
    log.info("Sluice UI at {}", webUrl);
  }

  /** E.g. {@code http://host:4040/}, with the host from {@code sluice.driver.host}. */
  public String webUrl() {
    return webUrl;
  }

  /** The port the UI listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  public void attachBackend(ClusterBackend backend) {
    this.backend = backend;
  }

  /** Shows this streaming context from now on, in place of any earlier one. */
  public void attachStreaming(StreamingUiListener listener) {
    this.streaming = listener;
  }

  /** Serves {@code metrics} as /metrics from now on. */
  public void attachMetrics(DriverMetrics metrics) {
    this.metrics = metrics;
  }

  /** What /metrics serves, if it is on. */
  public Optional<DriverMetrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  /** Stops at once; requests being served are cut off. */
  public void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private static HttpServer bind(int port, int maxRetries) {
    int last = port == 0 ? 0 : Math.min(65535, port + maxRetries);
    for (int candidate = port; candidate <= last; candidate++) {
      try {
        return HttpServer.create(new InetSocketAddress(candidate), 0);
      } catch (BindException e) {
        log.debug("UI port {} is taken: {}", candidate, e.getMessage());
      } catch (IOException e) {
        throw new SluiceException("Cannot start the web UI on port " + candidate + ": " + e, e);
      }
    }
    throw new SluiceException("Cannot start the web UI: ports " + port + " to " + last + " are all taken; set "
        + SluiceOptions.UI_PORT.key() + " (0 for any free port) or " + SluiceOptions.UI_PORT_MAX_RETRIES.key()
        + ", or turn the UI off with " + SluiceOptions.UI_ENABLED.key() + "=false");
  }

  /**
   * The JDK server's dispatcher thread is not a daemon but inherits that from the thread that starts
   * it: started from a daemon thread, a driver that never stops its context can still exit.
   */
  private static void startDaemon(HttpServer server) {
    RuntimeException[] failure = new RuntimeException[1];
    Thread starter = new Thread(() -> {
      try {
        server.start();
      } catch (RuntimeException e) {
        failure[0] = e;
      }
    }, "sluice-ui-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException("Interrupted while starting the web UI", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static String advertisedHost(SluiceConf conf) {
    return SluiceOptions.DRIVER_HOST.getOption(conf).orElseGet(() -> {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "127.0.0.1";
      }
    });
  }

  // ---------------------------------------------------------------- requests (on handler threads)

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, TEXT, "Method " + method + " not allowed\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      try {
        route(exchange, path);
      } catch (RuntimeException e) {
        log.warn("Web UI failed to answer {}", path, e);
        respond(exchange, 500, TEXT, "Error while rendering " + path + ": " + e + "\n");
      }
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    Optional<StreamingSnapshot> snapshot = Optional.ofNullable(streaming).map(StreamingUiListener::snapshot);
    switch (path) {
      case "/", "/streaming" -> respond(exchange, 200, HTML, StreamingPage.render(app, executors(), snapshot, ""));
      case "/streaming/" -> respond(exchange, 200, HTML, StreamingPage.render(app, executors(), snapshot, "../"));
      case "/api/v1/application" -> respond(exchange, 200, JSON, ApiJson.application(app, webUrl, snapshot.isPresent()));
      case "/api/v1/executors" -> respond(exchange, 200, JSON, ApiJson.executors(executors()));
      case "/api/v1/streaming/statistics" -> respond(exchange, 200, JSON, ApiJson.statistics(snapshot));
      case "/api/v1/streaming/batches" -> respond(exchange, 200, JSON, ApiJson.batches(snapshot));
      case "/api/v1/streaming/receivers" -> respond(exchange, 200, JSON, ApiJson.receivers(snapshot));
      case "/metrics" -> respondMetrics(exchange, path);
      default -> respond(exchange, 404, TEXT, "Not found: " + path + "\n");
    }
  }

  private void respondMetrics(HttpExchange exchange, String path) throws IOException {
    DriverMetrics m = metrics;
    if (m == null) {
      respond(exchange, 404, TEXT, "Not found: " + path + " (" + SluiceOptions.METRICS_ENABLED.key() + " is false)\n");
    } else {
      respond(exchange, 200, DriverMetrics.CONTENT_TYPE, m.scrape());
    }
  }

  private Map<String, String> executors() {
    ClusterBackend b = backend;
    return b == null ? Map.of() : b.executorHostPorts();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
