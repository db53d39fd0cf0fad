package io.wapipeline.ingest.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookTopics;

/**
 * Creates the producer and fetches the raw topic's metadata before the web server opens its port, so the first
 * burst of webhooks after a restart (Meta's retry backlog) does not spend its timeout on that set-up. It runs as
 * a lifecycle step, after the topics are declared and in an earlier phase than the web server's start.
 */
@Component
class ProducerWarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

    private final KafkaTemplate<String, byte[]> kafka;

    ProducerWarmUp(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
        try {
            int partitions = kafka.partitionsFor(WebhookTopics.RAW).size();
            log.info("Kafka producer ready: {} has {} partitions", WebhookTopics.RAW, partitions);
        }
        catch (RuntimeException unavailable) {
            log.warn("Kafka is not reachable at start-up ({}); webhooks are answered 503 until it is", unavailable.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1;
    }
}
