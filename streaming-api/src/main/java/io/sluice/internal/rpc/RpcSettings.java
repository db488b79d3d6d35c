package io.sluice.internal.rpc;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceException;
import io.sluice.internal.config.SluiceOptions;
import java.time.Duration;

/**
 * Transport tunables: {@link #fromConf} reads the {@code sluice.rpc.*} keys; the defaults are the
 * constants below.
 *
 * @param maxFrameBytes largest frame accepted or sent, length prefix excluded (the peer's limit must be at least ours)
 * @param chunkBytes largest piece of a stream per frame
 * @param authTimeout how long a new connection may take to complete the handshake
 * @param connectTimeout how long a client waits for the TCP connection
 * @param ioThreads Netty event loop threads of a server (a client always uses one)
 * @param handlerThreads threads of the pool running handlers, stream reads and future completions
 */
public record RpcSettings(int maxFrameBytes, int chunkBytes, Duration authTimeout, Duration connectTimeout,
    int ioThreads, int handlerThreads) {

  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
  public static final int DEFAULT_CHUNK_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_IO_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());
  public static final int DEFAULT_HANDLER_THREADS = 8;

  public RpcSettings {
    if (chunkBytes <= 0 || maxFrameBytes < chunkBytes + FrameType.CHUNK_OVERHEAD) {
      throw new SluiceException("RPC chunk size " + chunkBytes + " must be positive and, plus "
          + FrameType.CHUNK_OVERHEAD + " bytes of header, fit the frame limit of " + maxFrameBytes + " bytes");
    }
    if (maxFrameBytes < FrameDecoder.HANDSHAKE_MAX_FRAME_BYTES) {
      throw new SluiceException("RPC frame limit " + maxFrameBytes + " is below the minimum of "
          + FrameDecoder.HANDSHAKE_MAX_FRAME_BYTES + " bytes");
    }
    if (authTimeout.isNegative() || authTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new SluiceException("RPC timeouts must be positive (auth " + authTimeout + ", connect " + connectTimeout + ")");
    }
    if (ioThreads <= 0 || handlerThreads <= 0) {
      throw new SluiceException("RPC thread counts must be positive (io " + ioThreads + ", handler " + handlerThreads + ")");
    }
  }

  public static RpcSettings defaults() {
    return new RpcSettings(DEFAULT_MAX_FRAME_BYTES, DEFAULT_CHUNK_BYTES, DEFAULT_AUTH_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_IO_THREADS, DEFAULT_HANDLER_THREADS);
  }

  /** The settings of the {@code sluice.rpc.*} keys (unset keys: the defaults). */
  public static RpcSettings fromConf(SluiceConf conf) {
    return new RpcSettings(megabytes(SluiceOptions.RPC_MAX_FRAME_MB.get(conf)),
        megabytes(SluiceOptions.RPC_CHUNK_MB.get(conf)),
        Duration.ofMillis(SluiceOptions.RPC_AUTH_TIMEOUT_MS.get(conf)),
        Duration.ofMillis(SluiceOptions.RPC_CONNECT_TIMEOUT_MS.get(conf)),
        SluiceOptions.RPC_IO_THREADS.getOption(conf).orElse(DEFAULT_IO_THREADS),
        SluiceOptions.RPC_HANDLER_THREADS.get(conf));
  }

  private static int megabytes(long mb) {
    return (int) Math.min(Integer.MAX_VALUE - 1024, mb * 1024 * 1024);
  }

  public RpcSettings withMaxFrameBytes(int value) {
    return new RpcSettings(value, chunkBytes, authTimeout, connectTimeout, ioThreads, handlerThreads);
  }

  public RpcSettings withChunkBytes(int value) {
    return new RpcSettings(maxFrameBytes, value, authTimeout, connectTimeout, ioThreads, handlerThreads);
  }

  public RpcSettings withAuthTimeout(Duration value) {
    return new RpcSettings(maxFrameBytes, chunkBytes, value, connectTimeout, ioThreads, handlerThreads);
  }

  public RpcSettings withHandlerThreads(int value) {
    return new RpcSettings(maxFrameBytes, chunkBytes, authTimeout, connectTimeout, ioThreads, value);
  }
}
