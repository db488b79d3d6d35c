package io.sluice.yarn;

/**
 * How the user's main method ended.
 *
 * @param failure null when it returned normally; else what went wrong, for the ResourceManager's diagnostics
 * @param retryable false when another attempt cannot do better (the class or its main method is missing)
 */
record DriverOutcome(String failure, boolean retryable) {
  static DriverOutcome succeeded() {
    return new DriverOutcome(null, false);
  }
}
