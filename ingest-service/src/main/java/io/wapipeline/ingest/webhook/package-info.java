/** The webhook endpoint: Meta's verification handshake and signed POSTs published to Kafka. */
package io.wapipeline.ingest.webhook;
