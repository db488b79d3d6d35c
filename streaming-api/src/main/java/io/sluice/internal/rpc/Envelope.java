package io.sluice.internal.rpc;

import java.io.Serializable;

/**
 * What a MESSAGE frame carries. Request ids are chosen by the side that asks and are only unique
 * per connection and direction.
 */
sealed interface Envelope extends Serializable {

  /** Expects exactly one Response or Failure with the same id. */
  record Request(long id, Object body) implements Envelope {}

  record Response(long id, Object body) implements Envelope {}

  /** The request failed on the peer; {@code error} describes why (for a handler exception: its type and message). */
  record Failure(long id, String error) implements Envelope {}

  /** Fire and forget. */
  record OneWay(Object body) implements Envelope {}

  /** Expects CHUNK frames with this id (the last one flagged), or a Failure. */
  record OpenStream(long id, String streamId) implements Envelope {}
}
