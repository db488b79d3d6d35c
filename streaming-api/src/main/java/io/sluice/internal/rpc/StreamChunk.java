package io.sluice.internal.rpc;

/** One decoded CHUNK frame: a piece of the stream requested with {@code requestId}. */
record StreamChunk(long requestId, boolean last, byte[] data) {}
