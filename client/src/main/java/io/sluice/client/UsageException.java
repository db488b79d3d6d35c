package io.sluice.client;

import io.sluice.core.SluiceException;

/** A command line that cannot be run; the message names the specific problem. Exit code 2. */
final class UsageException extends SluiceException {
  private static final long serialVersionUID = 1L;
  UsageException(String message) {
    super(message);
  }
}
