package io.sluice.internal.rpc;

import io.sluice.core.SluiceException;

/** No reply (or, for a stream, no further chunk) arrived in time. The connection stays open. */
public final class RpcTimeoutException extends SluiceException {
  private static final long serialVersionUID = 1L;
  RpcTimeoutException(String message) {
    super(message);
  }
}
