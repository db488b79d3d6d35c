package io.sluice.client.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line server on loopback for an application's socket receiver: lines go to the connection the
 * receiver opened last (a restarted receiver opens a new one; the previous one is closed).
 */
final class LineFeed implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Socket connection;

  LineFeed() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptAll, "line-feed-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket accepted = server.accept();
        Socket previous = connection;
        connection = accepted;
        connections.incrementAndGet();
        if (previous != null) {
          previous.close();
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  String host() {
    return server.getInetAddress().getHostAddress();
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections receivers opened so far. */
  int connections() {
    return connections.get();
  }

  /** Sends the lines to the current connection and adds their words to {@code expected}. */
  void send(List<String> lines, Map<String, Long> expected) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
      for (String word : line.split(" ")) {
        expected.merge(word, 1L, Long::sum);
      }
    }
    OutputStream out = connection.getOutputStream();
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket open = connection;
    if (open != null) {
      open.close();
    }
  }
}
