package io.sluice.internal.sql;

import io.sluice.core.RDD;
import io.sluice.streaming.DStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Several stream tables as one stream, so that one transform sees every table's rows of a batch:
 * each row is tagged with its table's position on the way in, and each table's rows are picked out
 * by their tag again in the batch. One stream table passes through untouched.
 */
@SuppressWarnings("serial") // its serializable lambdas call helpers of this internal class: nothing to hide
public final class StreamTables {
  private StreamTables() {}

  /** The rows of {@code tables} (names of streams in {@code streams}) in one stream. */
  public static DStream<Object[]> together(List<String> tables, Map<String, DStream<Object[]>> streams) {
    if (tables.size() == 1) {
      return streams.get(tables.get(0));
    }
    List<DStream<Object[]>> tagged = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      int tag = i;
      tagged.add(streams.get(tables.get(i)).map(row -> tagged(tag, row)));
    }
    DStream<Object[]> all = tagged.get(0);
    for (DStream<Object[]> next : tagged.subList(1, tagged.size())) {
      all = all.union(next);
    }
    return all;
  }

  /** Each table's rows of {@code batch}, a batch of {@link #together}'s stream. */
  public static Map<String, RDD<Object[]>> apart(List<String> tables, RDD<Object[]> batch) {
    if (tables.size() == 1) {
      return Map.of(tables.get(0), batch);
    }
    Map<String, RDD<Object[]>> byTable = new java.util.HashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      Integer tag = i;
      byTable.put(tables.get(i), batch.filter(row -> tag.equals(row[0])).map(StreamTables::untagged));
    }
    return byTable;
  }

  private static Object[] tagged(int tag, Object[] row) {
    Object[] out = new Object[row.length + 1];
    out[0] = tag;
    System.arraycopy(row, 0, out, 1, row.length);
    return out;
  }

  private static Object[] untagged(Object[] row) {
    return Arrays.copyOfRange(row, 1, row.length);
  }
}
