package io.sluice.internal.rpc;

/** Pipeline event fired once a connection's handshake succeeded; from then on messages may flow. */
enum HandshakeComplete {
  INSTANCE
}
