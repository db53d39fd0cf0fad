package io.wapipeline.worker.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.model.GroupLag;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.service.logging.Throttle;
import io.wapipeline.worker.config.WorkerProperties;

/**
 * The consumer group's lag on the raw topic as gauges: for each partition, its end offset less where the group reads
 * next ({@link GroupLag}), whichever worker consumes it (or none). Read every {@code whatsapp.worker.lag-interval}
 * (15 s) and exported as gauges that always hold a number: the group's total, each partition's, and the age of the
 * oldest record accepted and not yet stored (the next record to read on a partition with lag). Every
 * worker instance reports the whole group, so a dashboard takes {@code max} over instances, never {@code sum}.
 */
@Component
public class LagGauges implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LagGauges.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaAdmin kafkaAdmin;
    private final ConsumerFactory<String, byte[]> consumers;
    private final String group;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Map<Integer, AtomicLong> partitionLags = new ConcurrentHashMap<>();
    private final AtomicLong totalLag = new AtomicLong();
    private final AtomicReference<Instant> oldestUnstored = new AtomicReference<>();
    private final AtomicReference<Instant> readAt = new AtomicReference<>();
    private final Counter readFailures;
    private final Throttle warnings = new Throttle(Duration.ofMinutes(5));
    /** Guards the admin client's creation and closing; the client itself is thread-safe. */
    private final Object adminLock = new Object();
    private final Instant started;
    private Admin admin;
    /** Used only by {@link #refresh()}, under this object's lock. */
    private Consumer<String, byte[]> reader;

    LagGauges(KafkaAdmin kafkaAdmin, ConsumerFactory<String, byte[]> consumers, WorkerProperties properties, MeterRegistry registry) {
        this.kafkaAdmin = kafkaAdmin;
        this.consumers = consumers;
        this.group = properties.groupId();
        this.registry = registry;
        this.readFailures = Counter.builder("whatsapp.worker.lag.read.failures")
                .description("Reads of the group's lag that failed (Kafka did not answer within 3 s)").register(registry);
        this.started = clock.instant();
        // registered at once, so that a lag never read shows as a read age growing from the start (WhatsAppLagUnknown)
        registerGroupGauges();
    }

    /** The group's lag on each partition of the raw topic, read from the broker now, largest first. */
    public List<GroupLag.Partition> read() throws Exception {
        List<GroupLag.Partition> lags = new ArrayList<>(GroupLag.of(admin(), group, WebhookTopics.RAW, TIMEOUT).partitions());
        lags.sort(Comparator.comparingLong(GroupLag.Partition::lag).reversed().thenComparingInt(p -> p.partition().partition()));
        return lags;
    }

    /** Reads the lag and the oldest unstored record's time, and updates the gauges; a failure keeps the last values. */
    @Scheduled(fixedDelayString = "${whatsapp.worker.lag-interval:15s}", initialDelayString = "${whatsapp.worker.lag-interval:15s}")
    public synchronized void refresh() {
        try {
            List<GroupLag.Partition> lags = read();
            for (GroupLag.Partition lag : lags) {
                partitionLags.computeIfAbsent(lag.partition().partition(), this::registerPartition).set(lag.lag());
            }
            totalLag.set(lags.stream().mapToLong(GroupLag.Partition::lag).sum());
            oldestUnstored.set(oldestUnstored(lags));
            readAt.set(clock.instant());
            warnings.reset();
        }
        catch (Exception failure) {
            readFailures.increment();
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            long heldBack = warnings.pass();
            if (heldBack >= 0) {
                log.warn("Could not read the lag of group {} on {}; the lag gauges keep their last values: {}{}", group,
                        WebhookTopics.RAW, failure.toString(), heldBack > 0 ? " (" + heldBack + " more failures)" : "");
            }
        }
    }

    /** The time of the oldest record not yet stored: the next one to read on each partition with lag. */
    private Instant oldestUnstored(List<GroupLag.Partition> lags) {
        List<GroupLag.Partition> behind = lags.stream().filter(lag -> lag.lag() > 0).toList();
        if (behind.isEmpty()) {
            return null;
        }
        Consumer<String, byte[]> consumer = reader();
        consumer.assign(behind.stream().map(GroupLag.Partition::partition).toList());
        behind.forEach(lag -> consumer.seek(lag.partition(), lag.next()));
        Map<Integer, Long> first = new HashMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (first.size() < behind.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                first.putIfAbsent(record.partition(), record.timestamp());
                consumer.pause(List.of(new TopicPartition(record.topic(), record.partition())));
            }
        }
        consumer.unsubscribe();
        Instant found = first.values().stream().min(Long::compare).map(Instant::ofEpochMilli).orElse(null);
        Instant previous = oldestUnstored.get();
        if (first.size() < behind.size() && previous != null && (found == null || previous.isBefore(found))) {
            // a partition whose next record could not be read in time still waits: the older figure stands
            return previous;
        }
        return found;
    }

    private AtomicLong registerPartition(int partition) {
        AtomicLong lag = new AtomicLong();
        Gauge.builder("whatsapp.worker.partition.lag", lag, AtomicLong::get)
                .description("Records of this raw-topic partition accepted and not yet committed by the worker group")
                .tag("topic", WebhookTopics.RAW).tag("partition", Integer.toString(partition)).tag("group", group)
                .register(registry);
        return lag;
    }

    private void registerGroupGauges() {
        Gauge.builder("whatsapp.worker.lag", totalLag, AtomicLong::get)
                .description("Records on the raw topic accepted and not yet stored by the worker group (all partitions)")
                .tag("topic", WebhookTopics.RAW).tag("group", group).register(registry);
        Gauge.builder("whatsapp.worker.oldest.unstored.age", this, lag -> lag.ageOfOldestUnstored())
                .description("Age of the oldest record on the raw topic the worker group has not stored; 0 when none waits")
                .baseUnit("seconds").tag("topic", WebhookTopics.RAW).tag("group", group).register(registry);
        Gauge.builder("whatsapp.worker.lag.read.age", this, lag -> lag.ageOfRead())
                .description("Seconds since the group's lag was last read from Kafka (since the start when never)").baseUnit("seconds")
                .tag("group", group).register(registry);
    }

    private double ageOfOldestUnstored() {
        Instant oldest = oldestUnstored.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private double ageOfRead() {
        Instant at = readAt.get();
        return Duration.between(at == null ? started : at, clock.instant()).toMillis() / 1000.0;
    }

    private Admin admin() {
        synchronized (adminLock) {
            return adminLocked();
        }
    }

    private Admin adminLocked() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "worker-lag");
            admin = Admin.create(config);
        }
        return admin;
    }

    private Consumer<String, byte[]> reader() {
        if (reader == null) {
            Properties overrides = new Properties();
            overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            overrides.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1");
            overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
            reader = consumers.createConsumer(null, "worker-lag", null, overrides);
        }
        return reader;
    }

    @Override
    public synchronized void destroy() {
        if (reader != null) {
            reader.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(1)));
            reader = null;
        }
        synchronized (adminLock) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
                admin = null;
            }
        }
    }
}
