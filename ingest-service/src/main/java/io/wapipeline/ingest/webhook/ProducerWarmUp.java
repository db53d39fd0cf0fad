package io.wapipeline.ingest.webhook;

import java.util.concurrent.TimeUnit;

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

    private static final long WARM_UP_MILLIS = 10_000;

    private final KafkaTemplate<String, byte[]> kafka;

    ProducerWarmUp(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    private volatile boolean running;

    /**
     * Sends never wait for metadata ({@code max.block.ms} is 0), so each attempt here only asks the producer's own
     * thread to fetch it; the warm-up looks again every 50 ms until it is there, for at most {@value #WARM_UP_MILLIS} ms.
     */
    @Override
    public void start() {
        running = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MILLIS);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                int partitions = kafka.partitionsFor(WebhookTopics.RAW).size();
                log.info("Kafka producer ready: {} has {} partitions", WebhookTopics.RAW, partitions);
                return;
            }
            catch (RuntimeException notYet) {
                last = notYet;
            }
            if (!pause()) {
                break;
            }
        }
        log.warn("Kafka is not reachable at start-up ({}); webhooks are answered 503 until it is", String.valueOf(last));
    }

    private static boolean pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
