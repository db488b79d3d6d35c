package io.sluice.kafka;

/**
 * Implemented by the RDDs of a Kafka direct stream (and by {@link KafkaUtils#createRDD}): the
 * offset ranges it reads, one per RDD partition, in partition order. Cast the RDD given to
 * {@code foreachRDD} or {@code transform} on the direct stream itself (not on a stream derived from
 * it, whose RDDs are other RDDs):
 *
 * <pre>{@code
 * stream.foreachRDD(rdd -> {
 *   OffsetRange[] ranges = ((HasOffsetRanges) rdd).offsetRanges();
 *   ...
 * });
 * }</pre>
 */
public interface HasOffsetRanges {
  /** A new array each call; element i is what RDD partition i reads. */
  OffsetRange[] offsetRanges();
}
