/**
 * Kafka as a source: direct streams whose batches are Kafka offset ranges (see {@link io.sluice.kafka.KafkaUtils}).
 */
package io.sluice.kafka;
