package io.sluice.internal.streaming.receiver;

import io.sluice.internal.storage.BlockId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out ids for received blocks that never repeat within an application. An id is the wall
 * clock in microseconds-of-millisecond slots ({@code millis * 1000}), bumped by one whenever the
 * previous id is not smaller: within a JVM ids strictly increase across every stream and every
 * restart of a receiver, and a receiver relaunched elsewhere starts from a later clock reading than
 * any id its predecessor could have reached (that would take 1000 blocks per millisecond).
 */
final class StreamBlockIds {
  private static final AtomicLong LAST = new AtomicLong();

  private StreamBlockIds() {}

  static BlockId.StreamBlock next(int streamId) {
    long fromClock = System.currentTimeMillis() * 1000;
    long id = LAST.updateAndGet(last -> Math.max(last + 1, fromClock));
    return new BlockId.StreamBlock(streamId, id);
  }
}
