package io.sluice.internal.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.core.SluiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a UI (the driver's and the history server's): the JDK's HTTP server on two daemon
 * threads, listening on every address, answering GET and HEAD from a request-to-response function. It
 * never redirects, because behind the ResourceManager's proxy a redirect would leave the proxy.
 *
 * <p>Listening when constructed; {@link #stop} closes it at once. Thread-safe.
 */
public final class UiHttpServer {
  private static final Logger log = LoggerFactory.getLogger(UiHttpServer.class);
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService handlers;
  private final Function<UiRequest, UiResponse> routes;

  /**
   * Binds {@code port} (or the next free port up to {@code maxRetries} above it; 0 for any free port).
   *
   * @param whatToSet the settings to name when every port is taken
   */
  public UiHttpServer(String threadPrefix, int port, int maxRetries, String whatToSet,
                      Function<UiRequest, UiResponse> routes) {
    this.routes = routes;
    this.server = bind(port, maxRetries, whatToSet);
    int number = SERVERS.incrementAndGet();
    this.handlers = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, threadPrefix + "-" + number);
      t.setDaemon(true);
      return t;
    });
    try {
      server.setExecutor(handlers);
      server.createContext("/", this::handle);
      startDaemon(server);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops at once; requests being served are cut off. */
  public void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private static HttpServer bind(int port, int maxRetries, String whatToSet) {
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
        + whatToSet);
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

  // ---------------------------------------------------------------- requests (on handler threads)

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, new UiResponse(405, UiResponse.TEXT, "Method " + method + " not allowed\n"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      UiResponse response;
      try {
        response = routes.apply(new UiRequest(path, exchange.getRequestURI().getRawQuery()));
      } catch (RuntimeException e) {
        log.warn("Web UI failed to answer {}", path, e);
        response = new UiResponse(500, UiResponse.TEXT, "Error while rendering " + path + ": " + e + "\n");
      }
      respond(exchange, response);
    }
  }

  private static void respond(HttpExchange exchange, UiResponse response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
