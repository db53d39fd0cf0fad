package io.wapipeline.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.wapipeline.ingest.config.IngestProperties;
import io.wapipeline.model.PartitionKey;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookTopics;

/** Publishes a signed body to the raw topic, unchanged, and completes only once Kafka has acknowledged it. */
@Component
class WebhookPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final long timeoutNanos;

    WebhookPublisher(KafkaTemplate<String, byte[]> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.timeoutNanos = properties.publishTimeout().toNanos();
    }

    /**
     * Completes with Kafka's acknowledgement, or exceptionally when Kafka refused the record or did not acknowledge
     * it within the publish timeout counted from {@code startNanos}.
     */
    CompletableFuture<SendResult<String, byte[]>> publish(WebhookReceived webhook, long startNanos) {
        ProducerRecord<String, byte[]> record = toRecord(webhook);
        CompletableFuture<SendResult<String, byte[]>> sent;
        try {
            sent = kafka.send(record);
        }
        catch (RuntimeException refused) {
            sent = CompletableFuture.failedFuture(refused);
        }
        long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        return sent.orTimeout(remaining, TimeUnit.NANOSECONDS);
    }

    private static ProducerRecord<String, byte[]> toRecord(WebhookReceived webhook) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WebhookHeaders.RECEIVED_AT, ascii(webhook.receivedAt().toString()));
        headers.add(WebhookHeaders.REQUEST_ID, ascii(webhook.requestId()));
        headers.add(WebhookHeaders.SIGNATURE, ascii(webhook.signature()));
        String key = PartitionKey.of(webhook.body()).orElse(null);
        return new ProducerRecord<>(WebhookTopics.RAW, null, key, webhook.body(), headers);
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** A webhook whose signature checked out, as it is handed to Kafka. */
    record WebhookReceived(byte[] body, String signature, String requestId, Instant receivedAt) {
    }
}
