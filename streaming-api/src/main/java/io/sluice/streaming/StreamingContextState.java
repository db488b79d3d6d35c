package io.sluice.streaming;

/**
 * The life of a StreamingContext: INITIALIZED (streams and outputs are being defined) -> ACTIVE
 * (started) -> STOPPED. INITIALIZED may also go straight to STOPPED. There is no way back.
 */
public enum StreamingContextState {
  INITIALIZED, ACTIVE, STOPPED
}
