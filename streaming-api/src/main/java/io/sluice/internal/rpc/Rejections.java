package io.sluice.internal.rpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a connection is rejected: a WARN naming the peer and the problem, then close. Only the
 * first problem of a connection is logged (one bad frame often trips several checks). Problems must
 * never contain the secret or a proof: callers describe what was wrong, not what was sent.
 */
final class Rejections {
  private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);
  private static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf(Rejections.class, "rejected");

  private Rejections() {}

  static void reject(ChannelHandlerContext ctx, String problem) {
    report(ctx.channel(), problem);
    ctx.close();
  }

  /** Logs the problem unless one was already logged for this connection. */
  static void report(Channel channel, String problem) {
    if (channel.attr(REJECTED).setIfAbsent(Boolean.TRUE) == null) {
      LOG.warn("Closing connection with {}: {}", channel.remoteAddress(), problem);
    }
  }

  static boolean isRejected(Channel channel) {
    return channel.attr(REJECTED).get() != null;
  }
}
