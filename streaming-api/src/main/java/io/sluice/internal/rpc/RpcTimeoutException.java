package io.sluice.internal.rpc;

import io.sluice.core.SluiceException;

/** No reply (or, for a stream, no further chunk) arrived in time. The connection stays open. */
public final class RpcTimeoutException extends SluiceException {
  RpcTimeoutException(String message) {
    super(message);
  }
}
