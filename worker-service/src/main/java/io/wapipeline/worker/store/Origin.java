package io.wapipeline.worker.store;

import java.time.Instant;

/**
 * Where a webhook came from: its Kafka record, when the ingest received it, and which key accepted its signature
 * ({@code meta-1}, {@code meta-2}, ... or {@code internal}).
 */
public record Origin(String topic, int partition, long offset, Instant receivedAt, String signedBy) {
}
