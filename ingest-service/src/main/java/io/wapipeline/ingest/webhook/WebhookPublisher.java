package io.wapipeline.ingest.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.wapipeline.ingest.config.IngestProperties;
import io.wapipeline.model.PartitionKey;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.Throttle;

/** Publishes a signed body to the raw topic, unchanged, and completes only once Kafka has acknowledged it. */
@Component
class WebhookPublisher {

    private static final Logger log = LoggerFactory.getLogger(WebhookPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final WebhookMetrics metrics;
    private final long timeoutNanos;
    private final Throttle keyWarnings = new Throttle(Duration.ofMinutes(1));

    WebhookPublisher(KafkaTemplate<String, byte[]> kafka, WebhookMetrics metrics, IngestProperties properties) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.timeoutNanos = properties.publishTimeout().toNanos();
    }

    /**
     * Completes with Kafka's acknowledgement, or exceptionally when Kafka refused the record or did not acknowledge
     * it within the publish timeout counted from {@code startNanos}.
     */
    CompletableFuture<SendResult<String, byte[]>> publish(WebhookReceived webhook, long startNanos) {
        CompletableFuture<SendResult<String, byte[]>> sent;
        try {
            sent = kafka.send(toRecord(webhook));
        }
        catch (RuntimeException refused) {
            sent = CompletableFuture.failedFuture(refused);
        }
        long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - startNanos));
        return sent.orTimeout(remaining, TimeUnit.NANOSECONDS);
    }

    private ProducerRecord<String, byte[]> toRecord(WebhookReceived webhook) {
        return new WebhookRecord(key(webhook), webhook.body(), webhook.receivedAt(), webhook.requestId(), webhook.signature())
                .toProducerRecord();
    }

    /**
     * The partition key, or none: what the body contains must never stop it from being kept, so a failure here
     * publishes without a key (the record lands on any partition), counted and logged at most once a minute.
     */
    private String key(WebhookReceived webhook) {
        try {
            return PartitionKey.of(webhook.body()).orElse(null);
        }
        catch (RuntimeException | StackOverflowError failure) {
            metrics.keyFailed();
            long heldBack = keyWarnings.pass();
            if (heldBack >= 0) {
                log.warn("Webhook {}: no partition key could be derived ({}); published without one{}", webhook.requestId(),
                        LogText.escape(failure.toString()), heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "");
            }
            return null;
        }
    }

    /** A webhook whose signature checked out, as it is handed to Kafka. */
    record WebhookReceived(byte[] body, String signature, String requestId, Instant receivedAt) {
    }
}
