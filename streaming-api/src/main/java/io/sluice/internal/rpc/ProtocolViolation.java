package io.sluice.internal.rpc;

import io.sluice.core.SluiceException;

/** A peer sent something the protocol does not allow; the connection that carried it is closed. */
final class ProtocolViolation extends SluiceException {
  private static final long serialVersionUID = 1L;
  ProtocolViolation(String message) {
    super(message);
  }

  ProtocolViolation(String message, Throwable cause) {
    super(message, cause);
  }
}
