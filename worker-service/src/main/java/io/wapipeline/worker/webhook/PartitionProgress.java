package io.wapipeline.worker.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.service.logging.Throttle;
import io.wapipeline.worker.config.WorkerProperties;
import io.wapipeline.worker.system.Failures;

/**
 * Whether each partition this worker consumes makes progress. A batch that fails and is retried leaves its
 * partitions waiting: the age of their oldest unstored record and the failed attempts are gauges, a partition
 * waiting longer than {@code whatsapp.worker.stall-timeout} turns health OUT_OF_SERVICE, and the failure is logged
 * as one WARN line when it starts, then at most once a minute, and one INFO line when the batch is stored.
 */
@Component
class PartitionProgress implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionProgress.class);

    private final Map<TopicPartition, Waiting> partitions = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Duration stallTimeout;
    private final Clock clock;
    private final Throttle warnings = new Throttle(Duration.ofMinutes(1));

    PartitionProgress(MeterRegistry registry, WorkerProperties properties) {
        this.registry = registry;
        this.stallTimeout = properties.stallTimeout();
        this.clock = Clock.systemUTC();
    }

    /** The batch is about to be written: its partitions wait from now, for records received as early as these. */
    void attempting(List<ConsumerRecord<String, byte[]>> records) {
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> record : records) {
            Waiting waiting = partitions.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), this::register);
            waiting.attempting(now, Instant.ofEpochMilli(record.timestamp()));
        }
    }

    /** The batch failed and will be retried. */
    void failed(Collection<TopicPartition> batchPartitions, int records, Exception failure, int attempt) {
        batchPartitions.forEach(partition -> {
            Waiting waiting = partitions.get(partition);
            if (waiting != null) {
                waiting.failed(Failures.describe(failure));
            }
        });
        long heldBack = attempt == 1 ? resetAndPass() : warnings.pass();
        if (heldBack >= 0) {
            log.warn("Batch of {} records from {} failed (attempt {}), retrying: {}{}", records, batchPartitions, attempt,
                    Failures.describe(failure), heldBack > 0 ? " (" + heldBack + " more failed attempts not logged)" : "");
        }
        log.debug("Batch of {} records failed (attempt {})", records, attempt, failure);
    }

    /** The batch is stored: its partitions no longer wait. */
    void stored(List<ConsumerRecord<String, byte[]>> records) {
        Instant now = clock.instant();
        records.stream().map(r -> new TopicPartition(r.topic(), r.partition())).distinct().forEach(partition -> {
            Waiting waiting = partitions.get(partition);
            if (waiting != null && waiting.attempts > 0) {
                log.info("Partition {} makes progress again after {} failed attempts ({} s)", partition, waiting.attempts,
                        Duration.between(waiting.since, now).toSeconds());
            }
            if (waiting != null) {
                waiting.clear();
            }
        });
    }

    /** This worker no longer consumes these partitions: whatever waited there is another consumer's now. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        revoked.forEach(partition -> {
            Waiting waiting = partitions.get(partition);
            if (waiting != null) {
                waiting.clear();
            }
        });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        // Nothing waits on a partition until a batch of it is attempted.
    }

    /** Partitions that have waited longer than the stall timeout, with how long and why. */
    List<Stall> stalls() {
        Instant now = clock.instant();
        return partitions.entrySet().stream()
                .filter(e -> e.getValue().since != null && e.getValue().attempts > 0
                        && Duration.between(e.getValue().since, now).compareTo(stallTimeout) > 0)
                .map(e -> new Stall(e.getKey(), Duration.between(e.getValue().since, now), e.getValue().attempts,
                        e.getValue().lastFailure))
                .toList();
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    private long resetAndPass() {
        warnings.reset();
        return warnings.pass();
    }

    private Waiting register(TopicPartition partition) {
        Waiting waiting = new Waiting();
        Gauge.builder("whatsapp.worker.partition.oldest.unstored", waiting, w -> w.oldestAgeSeconds(clock.instant()))
                .description("Age of the oldest record of this partition that the worker has read and not yet stored")
                .baseUnit("seconds").tag("topic", partition.topic()).tag("partition", String.valueOf(partition.partition()))
                .register(registry);
        Gauge.builder("whatsapp.worker.partition.failed.attempts", waiting, w -> w.attempts)
                .description("Consecutive failed attempts at this partition's current batch")
                .tag("topic", partition.topic()).tag("partition", String.valueOf(partition.partition())).register(registry);
        return waiting;
    }

    /** A partition that makes no progress. */
    record Stall(TopicPartition partition, Duration waiting, int attempts, String lastFailure) {
    }

    /** What one partition waits for; guarded by its own lock (a partition's batches come from one thread). */
    private static final class Waiting {

        private Instant since;
        private Instant oldest;
        private volatile int attempts;
        private String lastFailure;

        synchronized void attempting(Instant now, Instant received) {
            if (since == null) {
                since = now;
            }
            if (oldest == null || received.isBefore(oldest)) {
                oldest = received;
            }
        }

        synchronized void failed(String failure) {
            attempts++;
            lastFailure = failure;
        }

        synchronized void clear() {
            since = null;
            oldest = null;
            attempts = 0;
            lastFailure = null;
        }

        synchronized double oldestAgeSeconds(Instant now) {
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
        }
    }
}
