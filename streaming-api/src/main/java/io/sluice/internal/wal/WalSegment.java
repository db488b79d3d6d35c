package io.sluice.internal.wal;

import java.io.Serializable;

/** Where one record of a write-ahead log is: a file, the offset of the record in it, its length. */
public record WalSegment(String path, long offset, int length) implements Serializable {}
