package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.sluice.core.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection, symmetric: either side may ask, send and fetch; what the other side asks is served
 * by this connection's {@link Responder}. This class owns the table of outstanding calls. Inbound
 * methods ({@code on*}) run on the channel's event loop and only hand work off.
 */
final class RpcConnection implements RpcPeer {
  private static final Logger LOG = LoggerFactory.getLogger(RpcConnection.class);

  private final Channel channel;
  private final InetSocketAddress address;
  private final Endpoint endpoint;
  private final Responder responder;
  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentMap<Long, Pending> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile boolean authenticated;

  RpcConnection(Channel channel, InetSocketAddress address, Endpoint endpoint) {
    this.channel = channel;
    this.address = address;
    this.endpoint = endpoint;
    this.responder = new Responder(this, endpoint);
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public boolean isOpen() {
    return !closed && channel.isActive();
  }

  boolean isAuthenticated() {
    return authenticated;
  }

  Channel channel() {
    return channel;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> ask(Object request, Duration timeout) {
    PendingAsk ask = new PendingAsk("ask " + MessageCodec.typeName(request), timeout);
    start(id -> new Envelope.Request(id, request), ask);
    return (CompletableFuture<T>) (CompletableFuture<?>) ask.future();
  }

  @Override
  public void send(Object message) {
    String what = "message " + MessageCodec.typeName(message);
    if (closed) {
      throw new SluiceException("Cannot send " + what + " to " + address + ": the connection is closed");
    }
    ByteBuf frame;
    try {
      frame = endpoint.codec().encode(new Envelope.OneWay(message));
    } catch (RuntimeException e) {
      throw new SluiceException("Cannot send " + what + " to " + address + ": " + e.getMessage(), e);
    }
    channel.writeAndFlush(frame).addListener(done -> {
      if (!done.isSuccess()) {
        LOG.debug("Could not send {} to {}: {}", what, address, done.cause().toString());
      }
    });
  }

  @Override
  public CompletableFuture<byte[]> fetchBytes(String streamId, Duration idleTimeout) {
    return fetch(streamId, idleTimeout).thenApply(chunks -> {
      long total = chunks.stream().mapToLong(chunk -> chunk.length).sum();
      if (total > Integer.MAX_VALUE - 8) {
        throw new SluiceException("Stream '" + streamId + "' from " + address + " has " + total
            + " bytes, too many for one array; use fetchStream");
      }
      byte[] all = new byte[(int) total];
      int at = 0;
      for (byte[] chunk : chunks) {
        System.arraycopy(chunk, 0, all, at, chunk.length);
        at += chunk.length;
      }
      return all;
    });
  }

  @Override
  public CompletableFuture<InputStream> fetchStream(String streamId, Duration idleTimeout) {
    return fetch(streamId, idleTimeout).thenApply(chunks -> new SequenceInputStream(
        Collections.enumeration(chunks.stream().map(ByteArrayInputStream::new).toList())));
  }

  private CompletableFuture<List<byte[]>> fetch(String streamId, Duration idleTimeout) {
    PendingStream fetch = new PendingStream("fetch of stream '" + streamId + "'", idleTimeout);
    start(id -> new Envelope.OpenStream(id, streamId), fetch);
    return fetch.future();
  }

  @Override
  public void close() {
    closed = true;
    channel.close();
    failAll();
  }

  private void start(LongFunction<Envelope> envelopeWithId, Pending call) {
    long id = ids.incrementAndGet();
    ByteBuf frame;
    try {
      frame = endpoint.codec().encode(envelopeWithId.apply(id));
    } catch (RuntimeException e) {
      call.fail(new SluiceException("Cannot send " + call.description() + " to " + address + ": " + e.getMessage(), e));
      return;
    }
    pending.put(id, call);
    // Also forgets calls the caller cancelled.
    call.future().whenComplete((result, error) -> pending.remove(id, call));
    if (closed) {
      // Checked after registering, so a close racing with this call cannot leave it waiting for its timeout.
      frame.release();
      failNow(id, call, closedError(call));
      return;
    }
    arm(id, call);
    channel.writeAndFlush(frame).addListener(done -> {
      if (!done.isSuccess()) {
        failNow(id, call, new SluiceException("Could not send " + call.description() + " to " + address + ": "
            + done.cause(), done.cause()));
      }
    });
  }

  private void arm(long id, Pending call) {
    Duration timeout = call.timeout();
    try {
      call.timer(channel.eventLoop().schedule(() -> failNow(id, call, new RpcTimeoutException(
          capitalized(call.description()) + " to " + address + " timed out: nothing received for "
              + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      failNow(id, call, closedError(call));
    }
  }

  /** Completes the call with an error unless something else already took it out of the table. */
  private void failNow(long id, Pending call, Throwable error) {
    if (pending.remove(id, call)) {
      onPool(() -> call.fail(error));
    }
  }

  private void failAll() {
    for (Long id : pending.keySet()) {
      Pending call = pending.remove(id);
      if (call != null) {
        onPool(() -> call.fail(closedError(call)));
      }
    }
  }

  private SluiceException closedError(Pending call) {
    return new SluiceException(capitalized(call.description()) + " to " + address
        + " failed: the connection was closed before it completed");
  }

  // ---- inbound, on the event loop

  void onEnvelope(Envelope envelope) {
    if (envelope instanceof Envelope.Request request) {
      responder.onRequest(request);
    } else if (envelope instanceof Envelope.OneWay oneWay) {
      responder.onOneWay(oneWay);
    } else if (envelope instanceof Envelope.OpenStream open) {
      responder.onOpenStream(open);
    } else if (envelope instanceof Envelope.Response response) {
      Pending call = pending.remove(response.id());
      if (call instanceof PendingAsk ask) {
        onPool(() -> ask.succeed(response.body()));
      } else {
        unexpectedReply(call, response.id());
      }
    } else if (envelope instanceof Envelope.Failure failure) {
      Pending call = pending.remove(failure.id());
      if (call != null) {
        onPool(() -> call.fail(new RemoteFailureException(capitalized(call.description()) + " to " + address,
            failure.error())));
      } else {
        unexpectedReply(null, failure.id());
      }
    }
  }

  void onChunk(StreamChunk chunk) {
    Pending call = pending.get(chunk.requestId());
    if (!(call instanceof PendingStream fetch)) {
      LOG.debug("Dropping a chunk from {} for request {}, which is not an open fetch (timed out?)",
          address, chunk.requestId());
      return;
    }
    fetch.add(chunk.data());
    if (chunk.last()) {
      if (pending.remove(chunk.requestId(), fetch)) {
        onPool(fetch::succeed);
      }
    } else {
      fetch.cancelTimer();
      arm(chunk.requestId(), fetch);
    }
  }

  void onAuthenticated() {
    authenticated = true;
    responder.connected();
  }

  void onClosed() {
    closed = true;
    failAll();
    if (authenticated) {
      responder.disconnected();
    }
  }

  private void unexpectedReply(Pending call, long id) {
    if (call == null) {
      LOG.debug("Dropping a reply from {} to request {}, which timed out or was cancelled", address, id);
    } else {
      onPool(() -> call.fail(new SluiceException(capitalized(call.description()) + " to " + address
          + " got a plain reply instead of stream data")));
    }
  }

  void write(ByteBuf frame) {
    if (channel.eventLoop().isShuttingDown()) {
      // A reply completing after the endpoint closed: nobody can receive it.
      frame.release();
      return;
    }
    channel.writeAndFlush(frame).addListener(done -> {
      if (!done.isSuccess()) {
        LOG.debug("Could not write to {}: {}", address, done.cause().toString());
      }
    });
  }

  // ---- threads

  /** Completions run off the event loop, so callers' dependent stages may block. */
  private void onPool(Runnable task) {
    try {
      endpoint.pool().execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // the endpoint is shutting down; completing here beats never completing
    }
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  @Override
  public String toString() {
    return "RpcPeer(" + address + ")";
  }
}
