package io.sluice.internal.rpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** The handler chain of every connection; only the handshake differs between servers and clients. */
final class Pipelines {
  private Pipelines() {}

  static void install(Channel channel, ChannelHandler handshake, Endpoint endpoint, RpcConnection connection) {
    channel.pipeline()
        .addLast("frames", new FrameDecoder(FrameDecoder.HANDSHAKE_MAX_FRAME_BYTES))
        .addLast("handshake", handshake)
        .addLast("messages", new InboundDecoder(endpoint.codec()))
        .addLast("connection", new ConnectionHandler(connection));
  }
}
