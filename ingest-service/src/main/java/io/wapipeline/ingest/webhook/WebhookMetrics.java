package io.wapipeline.ingest.webhook;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code whatsapp_webhook_requests_total{outcome}} and {@code whatsapp_webhook_publish_seconds}: what an operator
 * watches to see whether Meta's deliveries are being kept.
 */
@Component
class WebhookMetrics {

    private final Map<WebhookOutcome, Counter> requests = new EnumMap<>(WebhookOutcome.class);
    private final MeterRegistry registry;
    private final Timer publishLatency;
    private final Counter keyFailures;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            requests.put(outcome, Counter.builder("whatsapp.webhook.requests")
                    .description("Requests to the webhook endpoint by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        keyFailures = Counter.builder("whatsapp.webhook.partition.key.failures")
                .description("Signed webhooks published without a partition key because none could be derived")
                .register(registry);
        publishLatency = Timer.builder("whatsapp.webhook.publish")
                .description("Time from receiving a signed webhook to Kafka's acknowledgement")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    void count(WebhookOutcome outcome) {
        requests.get(outcome).increment();
    }

    /** Bodies arriving whose signature is not checked yet: their bytes and their number (both bounded). */
    void unverified(java.util.function.Supplier<Number> bytes, java.util.function.Supplier<Number> bodies) {
        io.micrometer.core.instrument.Gauge.builder("whatsapp.webhook.unauthenticated", bytes)
                .description("Bytes of webhook bodies being received whose signature is not checked yet")
                .baseUnit("bytes").register(registry);
        io.micrometer.core.instrument.Gauge.builder("whatsapp.webhook.unverified.bodies", bodies)
                .description("Webhook bodies being received whose signature is not checked yet").register(registry);
    }

    void keyFailed() {
        keyFailures.increment();
    }

    void published(long startNanos) {
        publishLatency.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
