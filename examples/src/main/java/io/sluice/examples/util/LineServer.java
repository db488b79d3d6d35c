package io.sluice.examples.util;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A tiny text server on the loopback interface, standing in for {@code nc -lk 9999} so the socket
 * examples run without extra tools. Every client that connects gets its own daemon thread, which
 * writes the given lines in a loop, {@code '\n'}-terminated and UTF-8 encoded, at a modest fixed
 * rate until the client disconnects or the server is closed.
 *
 * <p>The server listens as soon as it is constructed; {@link #close()} stops accepting and drops
 * every client. Thread-safe.
 */
public final class LineServer implements AutoCloseable {
  /** A few sentences whose word counts are easy to check by eye. */
  public static final List<String> SAMPLE_LINES = List.of(
      "the river runs to the sea",
      "a sluice gate holds the water back",
      "open the gate and the water runs",
      "every batch of water passes the gate",
      "the sea does not fill");

  private final ServerSocket serverSocket;
  private final List<String> lines;
  private final long pauseNanos;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Serves {@link #SAMPLE_LINES} at 10 lines per second on an ephemeral loopback port. */
  public LineServer() throws IOException {
    this(SAMPLE_LINES, 10);
  }

  /**
   * Binds an ephemeral port on 127.0.0.1 and starts accepting clients.
   *
   * @param lines the lines to repeat, in order; must not be empty
   * @param linesPerSecond how many lines each client receives per second; must be positive
   * @throws IOException if the port cannot be bound
   */
  public LineServer(List<String> lines, int linesPerSecond) throws IOException {
    if (lines.isEmpty() || linesPerSecond <= 0) {
      throw new IllegalArgumentException("need at least one line and a positive rate");
    }
    this.lines = List.copyOf(lines);
    this.pauseNanos = TimeUnit.SECONDS.toNanos(1) / linesPerSecond;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    daemon("line-server-accept", this::acceptLoop).start();
  }

  /** The host name clients should connect to. */
  public String host() {
    return serverSocket.getInetAddress().getHostAddress();
  }

  /** The port the server listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    clients.forEach(LineServer::closeQuietly);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = serverSocket.accept();
        clients.add(client);
        daemon("line-server-client-" + client.getPort(), () -> serve(client)).start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("LineServer: accept failed: " + e);
        }
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; Writer out = new BufferedWriter(
        new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8))) {
      for (int i = 0; !closed; i = (i + 1) % lines.size()) {
        out.write(lines.get(i));
        out.write('\n');
        out.flush();
        TimeUnit.NANOSECONDS.sleep(pauseNanos);
      }
    } catch (SocketException e) {
      // The client went away or close() dropped it: nothing left to serve.
    } catch (IOException e) {
      System.err.println("LineServer: writing to a client failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(client);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing is best effort; the sockets are loopback-only
    }
  }
}
