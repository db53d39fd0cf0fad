package io.wapipeline.worker.store;

import java.time.Instant;

/** Where a webhook came from: its Kafka record, and when the ingest received it. */
public record Origin(String topic, int partition, long offset, Instant receivedAt) {
}
