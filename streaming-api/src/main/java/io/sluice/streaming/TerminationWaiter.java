package io.sluice.streaming;

/** What awaitTermination waits for: the context stopping, or the first error reported. */
final class TerminationWaiter {
  private boolean stopped;
  private RuntimeException error;

  synchronized void stopped() {
    stopped = true;
    notifyAll();
  }

  /** Keeps the first error; later ones are only logged where they happen. */
  synchronized void error(RuntimeException e) {
    if (error == null) {
      error = e;
    }
    notifyAll();
  }

  /** Waits up to {@code timeoutMs} for a stop or an error; throws the error; true if stopped. */
  synchronized boolean await(long timeoutMs) throws InterruptedException {
    long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
    while (!stopped && error == null) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    if (error != null) {
      throw error;
    }
    return true;
  }
}
