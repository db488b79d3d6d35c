package io.sluice.internal.rpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a server finds the data of a stream a peer fetches (a block, a shuffle bucket). Called on
 * the handler pool, concurrently for different fetches; the returned stream is read there in chunks
 * as the connection drains and is always closed.
 */
@FunctionalInterface
public interface StreamSource {

  /** The data of the stream, or empty when there is no such stream (the fetch fails naming it). */
  Optional<InputStream> open(String streamId) throws IOException;

  static StreamSource none() {
    return streamId -> Optional.empty();
  }

  static StreamSource ofBytes(Function<String, Optional<byte[]>> lookup) {
    return streamId -> lookup.apply(streamId).map(ByteArrayInputStream::new);
  }
}
