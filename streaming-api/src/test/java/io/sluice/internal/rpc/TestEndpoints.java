package io.sluice.internal.rpc;

import io.sluice.internal.rpc.TestMessages.Boom;
import io.sluice.internal.rpc.TestMessages.Note;
import io.sluice.internal.rpc.TestMessages.Ping;
import io.sluice.internal.rpc.TestMessages.Pong;
import io.sluice.internal.rpc.TestMessages.Slow;
import io.sluice.internal.rpc.TestMessages.Sleep;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** A recording handler and shorthands for starting servers and clients on loopback. */
final class TestEndpoints {
  static final String HOST = "127.0.0.1";
  static final Duration ASK = Duration.ofSeconds(10);
  static final RpcSettings FAST = RpcSettings.defaults().withAuthTimeout(Duration.ofSeconds(2));

  private TestEndpoints() {}

  /** Answers Ping with Pong, sleeps on Sleep, throws on Boom, answers Slow asynchronously; records one-ways and lifecycle. */
  static final class Recorder implements RpcHandler {
    final BlockingQueue<Object> oneWays = new LinkedBlockingQueue<>();
    final BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();

    @Override
    public Object receive(RpcCall call) throws Exception {
      Object message = call.message();
      if (message instanceof Ping ping) {
        return pong(ping);
      } else if (message instanceof Sleep sleep) {
        Thread.sleep(sleep.millis());
        return "slept";
      } else if (message instanceof Boom boom) {
        throw new IllegalStateException(boom.why());
      } else if (message instanceof Slow slow) {
        return CompletableFuture.supplyAsync(() -> slow.n() * 2,
            CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
      }
      throw new IllegalArgumentException("unexpected " + message);
    }

    @Override
    public void receiveOneWay(Object message, RpcPeer from) {
      oneWays.add(message);
      if (message instanceof Note note && note.text().equals("echo")) {
        from.send(new Note("echoed"));
      }
    }

    @Override
    public void connected(RpcPeer peer) {
      lifecycle.add("connected " + peer.address());
    }

    @Override
    public void disconnected(RpcPeer peer) {
      lifecycle.add("disconnected " + peer.address());
    }
  }

  static Pong pong(Ping ping) {
    return new Pong(ping.text().toUpperCase(), ping.n() + 1, List.of(ping.n() % 10, ping.n() / 10 % 10));
  }

  static RpcServer server(byte[] secret, RpcHandler handler, StreamSource streams) {
    return RpcServer.start(HOST, 0, secret, handler, streams, MessageCodec.defaultSerializer(), FAST);
  }

  static RpcClient client(RpcServer server, byte[] secret) {
    return client(server, secret, RpcHandler.none());
  }

  static RpcClient client(RpcServer server, byte[] secret, RpcHandler handler) {
    return RpcClient.connect(new InetSocketAddress(HOST, server.port()), secret, handler, StreamSource.none(),
        MessageCodec.defaultSerializer(), FAST);
  }
}
