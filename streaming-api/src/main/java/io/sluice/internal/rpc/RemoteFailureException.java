package io.sluice.internal.rpc;

import io.sluice.core.SluiceException;

/** The peer received the request but its handler failed; {@link #remoteError()} is what the peer reported. */
public final class RemoteFailureException extends SluiceException {
  private static final long serialVersionUID = 1L;
  private final String remoteError;

  RemoteFailureException(String what, String remoteError) {
    super(what + " failed on the peer: " + remoteError);
    this.remoteError = remoteError;
  }

  public String remoteError() {
    return remoteError;
  }
}
