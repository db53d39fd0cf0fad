package io.wapipeline.worker.webhook;

import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code consumer} in /actuator/health: OUT_OF_SERVICE (HTTP 503) while a partition has made no progress for longer
 * than {@code whatsapp.worker.stall-timeout} with records waiting, naming each partition, how long it has waited,
 * its failed attempts and the last cause.
 */
@Component("consumer")
class ConsumerHealthIndicator extends AbstractHealthIndicator {

    private final PartitionProgress progress;

    ConsumerHealthIndicator(PartitionProgress progress) {
        super("Consumer health check failed");
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<PartitionProgress.Stall> stalls = progress.stalls();
        if (stalls.isEmpty()) {
            builder.up();
            return;
        }
        builder.outOfService().withDetail("stalledPartitions", stalls.stream().map(stall -> Map.of(
                "partition", stall.partition().toString(), "waitingSeconds", stall.waiting().toSeconds(),
                "failedAttempts", stall.attempts(), "lastFailure", String.valueOf(stall.lastFailure()))).toList())
                .withDetail("stallTimeout", progress.stallTimeout().toString());
    }
}
