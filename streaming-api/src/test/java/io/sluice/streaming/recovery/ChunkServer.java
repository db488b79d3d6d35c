package io.sluice.streaming.recovery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A loopback source for {@link RecoverableWordCountDriver.AckingLineReceiver}: the test adds
 * chunks of lines; the server sends each one ({@code CHUNK <seq> <n>} then n lines) to the
 * connected receiver and, when a new connection comes (the receiver of a restarted driver), sends
 * again every chunk not acknowledged ({@code ACK <seq>}) yet. So the test knows exactly what was
 * sent, and a reliable receiver loses nothing.
 */
final class ChunkServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<List<String>> chunks = new ArrayList<>(); // guarded by this; index = seq
  private final SortedSet<Integer> acked = new TreeSet<>(); // guarded by this
  private int connections; // guarded by this
  private final java.util.Set<Integer> sent = new java.util.HashSet<>(); // guarded by this
  private int resent; // guarded by this: chunks sent more than once
  private final Thread acceptor;

  ChunkServer() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "chunk-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String uri() {
    return "tcp://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** Queues a chunk; it is sent to the current (and any later) connection until acknowledged. */
  synchronized void add(List<String> lines) {
    chunks.add(List.copyOf(lines));
    notifyAll();
  }

  synchronized List<List<String>> chunks() {
    return List.copyOf(chunks);
  }

  synchronized SortedSet<Integer> acked() {
    return new TreeSet<>(acked);
  }

  synchronized boolean allAcked() {
    return acked.size() == chunks.size();
  }

  synchronized int connections() {
    return connections;
  }

  synchronized int resent() {
    return resent;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        int generation;
        synchronized (this) {
          generation = ++connections;
          notifyAll();
        }
        Thread sender = new Thread(() -> serve(socket, generation), "chunk-server-conn-" + generation);
        sender.setDaemon(true);
        sender.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Sends unacknowledged chunks in order, then new ones as they come; a reader thread takes the acks. */
  private void serve(Socket socket, int generation) {
    Thread ackReader = new Thread(() -> readAcks(socket), "chunk-server-acks-" + generation);
    ackReader.setDaemon(true);
    ackReader.start();
    try (socket; Writer out = new OutputStreamWriter(socket.getOutputStream(), UTF_8)) {
      int next = 0;
      while (!socket.isClosed()) {
        List<String> chunk;
        int seq;
        synchronized (this) {
          while (next < chunks.size() && acked.contains(next)) {
            next++;
          }
          if (next >= chunks.size()) {
            if (generation != connections) {
              return; // a newer connection took over
            }
            wait(100);
            continue;
          }
          seq = next++;
          chunk = chunks.get(seq);
          if (!sent.add(seq)) {
            resent++;
          }
        }
        out.write("CHUNK " + seq + " " + chunk.size() + "\n");
        for (String line : chunk) {
          out.write(line);
          out.write('\n');
        }
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The receiver went away (its driver was killed); a new connection gets the unacked chunks.
    }
  }

  private void readAcks(Socket socket) {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("ACK ")) {
          synchronized (this) {
            acked.add(Integer.parseInt(line.substring(4).trim()));
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // connection gone
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
