package io.sluice.internal.streaming.receiver;

import io.sluice.api.function.Function;
import io.sluice.core.StorageLevel;
import io.sluice.internal.access.Internals;
import io.sluice.streaming.receiver.Receiver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives records from a TCP server: connects, turns the byte stream into records with the
 * converter and stores them one by one. When the server closes the connection or cannot be
 * reached, it asks for a restart, so it reconnects (with the supervisor's backoff) until stopped.
 *
 * <p>The text receiver ({@link #text}) has no converter: it hands what it reads on as UTF-8 line
 * bytes ({@link LineChunks}), which blocks keep as they are ({@link io.sluice.internal.storage.LineBlock});
 * lines become Strings only in the tasks that read them. Lines are split on '\n' only, a trailing
 * '\r' is dropped, a last line without '\n' counts, and bytes that are not UTF-8 become U+FFFD.
 */
public final class SocketReceiver<T> extends Receiver<T> {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(SocketReceiver.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private final String host;
  private final int port;
  private final Function<InputStream, Iterator<T>> converter; // null: text lines, stored as bytes
  // The connection of the current run; a run's thread is "current" until onStop replaces it.
  private transient Socket socket; // guarded by this
  private transient Thread reader; // guarded by this

  /** @param converter the bytes' records; null for {@link #text}'s lines */
  public SocketReceiver(String host, int port, Function<InputStream, Iterator<T>> converter, StorageLevel level) {
    super(level);
    this.host = host;
    this.port = port;
    this.converter = converter;
  }

  /** A receiver of UTF-8 text lines, as socketTextStream uses. */
  public static SocketReceiver<String> text(String host, int port, StorageLevel level) {
    return new SocketReceiver<>(host, port, null, level);
  }

  @Override
  public synchronized void onStart() {
    Thread thread = new Thread(this::receive, "sluice-receiver-" + streamId() + "-socket-" + host + ":" + port);
    thread.setDaemon(true);
    reader = thread;
    thread.start();
  }

  @Override
  public synchronized void onStop() {
    // Closing the socket makes a blocked read (or connect) in the reading thread fail, so it ends.
    reader = null;
    closeQuietly(socket);
    socket = null;
  }

  private void receive() {
    Socket connection = new Socket();
    synchronized (this) {
      if (!isCurrentRun()) {
        return;
      }
      socket = connection;
    }
    boolean connected = false;
    try {
      connection.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      connected = true;
      log.info("Receiver for stream {} connected to {}:{}", streamId(), host, port);
      if (converter == null) {
        ReceiverSupervisor supervisor = Internals.receiver().supervisor(this);
        LineChunks.pump(connection.getInputStream(), supervisor::pushLines, this::isCurrentRun);
      } else {
        Iterator<T> records = converter.call(connection.getInputStream());
        while (isCurrentRun() && records.hasNext()) {
          store(records.next());
        }
      }
      if (isCurrentRun()) {
        restart("Socket data stream had no more data");
      }
    } catch (Throwable t) {
      if (!isCurrentRun()) {
        log.debug("Receiver for stream {}: connection to {}:{} closed by onStop", streamId(), host, port);
      } else if (connected) {
        restart("Error receiving data from " + host + ":" + port, t);
      } else {
        restart("Error connecting to " + host + ":" + port, t);
      }
    } finally {
      closeQuietly(connection);
    }
  }

  /** False once onStop ended this thread's run, or the receiver is stopping. */
  private boolean isCurrentRun() {
    synchronized (this) {
      if (reader != Thread.currentThread()) {
        return false;
      }
    }
    return !isStopped();
  }

  private static void closeQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Closing a receiver socket failed", e);
    }
  }

  @Override
  public String toString() {
    return "SocketReceiver(" + host + ":" + port + ", stream " + streamId() + ")";
  }
}
