package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves what the peer of one connection asks: handler calls in arrival order on the connection's
 * lane, stream fetches on the pool (a long transfer must not hold up the connection's messages).
 * The {@code on*} methods and lifecycle notifications are called on the event loop and only queue work.
 */
final class Responder {
  private static final Logger LOG = LoggerFactory.getLogger(Responder.class);
  /** Failure texts travel in one frame; a handler's enormous exception message must not break the reply. */
  private static final int MAX_ERROR_CHARS = 16 * 1024;

  private final RpcConnection connection;
  private final Endpoint endpoint;
  private final SerialExecutor lane;

  Responder(RpcConnection connection, Endpoint endpoint) {
    this.connection = connection;
    this.endpoint = endpoint;
    this.lane = new SerialExecutor(endpoint.pool());
  }

  void onRequest(Envelope.Request request) {
    inOrder(() -> serve(request));
  }

  void onOneWay(Envelope.OneWay message) {
    inOrder(() -> endpoint.handler().receiveOneWay(message.body(), connection));
  }

  void onOpenStream(Envelope.OpenStream open) {
    try {
      endpoint.pool().execute(() -> openStream(open));
    } catch (RejectedExecutionException e) {
      LOG.debug("Endpoint closed; not serving stream '{}' to {}", open.streamId(), connection.address());
    }
  }

  void connected() {
    inOrder(() -> endpoint.handler().connected(connection));
  }

  void disconnected() {
    inOrder(() -> endpoint.handler().disconnected(connection));
  }

  private void serve(Envelope.Request request) {
    Object result;
    try {
      result = endpoint.handler().receive(new RpcCall(request.body(), connection));
    } catch (Throwable e) {
      sendFailure(request.id(), errorText(e));
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete((value, error) -> {
        if (error != null) {
          sendFailure(request.id(), errorText(error));
        } else {
          reply(request, value);
        }
      });
    } else {
      reply(request, result);
    }
  }

  private void reply(Envelope.Request request, Object value) {
    ByteBuf frame;
    try {
      frame = endpoint.codec().encode(new Envelope.Response(request.id(), value));
    } catch (RuntimeException e) {
      LOG.warn("Could not send the reply to {} from {}: {}", MessageCodec.typeName(request.body()),
          connection.address(), e.getMessage());
      sendFailure(request.id(), "the reply (" + MessageCodec.typeName(value) + ") could not be sent: " + e.getMessage());
      return;
    }
    connection.write(frame);
  }

  void sendFailure(long id, String error) {
    String text = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) + "..." : error;
    connection.write(endpoint.codec().encode(new Envelope.Failure(id, text)));
  }

  private void openStream(Envelope.OpenStream open) {
    Optional<InputStream> data;
    try {
      data = endpoint.streams().open(open.streamId());
    } catch (Exception e) {
      sendFailure(open.id(), "could not open stream '" + open.streamId() + "': " + e);
      return;
    }
    if (data.isEmpty()) {
      sendFailure(open.id(), "no stream '" + open.streamId() + "'");
      return;
    }
    new StreamSender(connection, this, open.id(), open.streamId(), data.get(), endpoint.settings().chunkBytes(),
        endpoint.pool()).sendNext();
  }

  /** Calls of this connection's handler, one at a time in arrival order. */
  private void inOrder(Runnable task) {
    try {
      lane.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("Handler failed for the connection with {}", connection.address(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Endpoint closed; dropping work for the connection with {}", connection.address());
    }
  }

  private static String errorText(Throwable error) {
    Throwable shown = error;
    while ((shown instanceof CompletionException || shown instanceof ExecutionException) && shown.getCause() != null) {
      shown = shown.getCause();
    }
    return shown.toString();
  }
}
