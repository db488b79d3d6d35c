package io.sluice.internal.rpc;

import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one stream as CHUNK frames. The next chunk is read only when the previous one has been
 * written to the socket, so a slow reader holds at most one chunk in memory here, and reads happen
 * on the handler pool, never on the event loop.
 */
final class StreamSender {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSender.class);

  private final RpcConnection connection;
  private final Responder responder;
  private final long requestId;
  private final String streamId;
  private final InputStream data;
  private final int chunkBytes;
  private final Executor pool;

  StreamSender(RpcConnection connection, Responder responder, long requestId, String streamId, InputStream data,
      int chunkBytes, Executor pool) {
    this.connection = connection;
    this.responder = responder;
    this.requestId = requestId;
    this.streamId = streamId;
    this.data = data;
    this.chunkBytes = chunkBytes;
    this.pool = pool;
  }

  /** Called on the handler pool. */
  void sendNext() {
    byte[] chunk;
    try {
      chunk = data.readNBytes(chunkBytes);
    } catch (IOException | RuntimeException e) {
      close();
      responder.sendFailure(requestId, "could not read stream '" + streamId + "': " + e);
      return;
    }
    // A short read means the end; a stream of whole chunks ends with an empty one.
    boolean last = chunk.length < chunkBytes;
    ChannelFuture written = connection.channel().writeAndFlush(Frames.chunk(requestId, last, chunk));
    if (last) {
      close();
      return;
    }
    written.addListener(done -> {
      if (!done.isSuccess()) {
        LOG.debug("Stopped sending stream '{}' to {}: {}", streamId, connection.address(), done.cause().toString());
        close();
        return;
      }
      try {
        pool.execute(this::sendNext);
      } catch (RejectedExecutionException e) {
        close();
      }
    });
  }

  private void close() {
    try {
      data.close();
    } catch (IOException e) {
      LOG.debug("Could not close stream '{}': {}", streamId, e.toString());
    }
  }
}
