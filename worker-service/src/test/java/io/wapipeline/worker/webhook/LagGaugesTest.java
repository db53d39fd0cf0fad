package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.config.WorkerProperties;

/**
 * The group's lag as the broker sees it: a group that committed all but the last five records of one partition has a
 * lag of five there and nowhere else, and its oldest unstored record is the first of those five. No gauge is NaN, and
 * the Kafka client's own per-consumer lag gauges are not exported.
 */
class LagGaugesTest extends WorkerIntegrationTest {

    @Autowired
    private KafkaAdmin kafkaAdmin;
    @Autowired
    private ConsumerFactory<String, byte[]> consumers;
    @Autowired
    private WorkerProperties worker;
    @Autowired
    private MeterRegistry workerMeters;

    @Test
    void aGroupFiveRecordsBehindOnOnePartitionHasALagOfFiveThereAndTheirAge() throws Exception {
        String group = "lag-test-" + UUID.randomUUID();
        Instant sent = Instant.now().minusSeconds(120);
        long firstBehind = -1;
        for (int n = 0; n < 5; n++) {
            var record = new ProducerRecord<String, byte[]>(WebhookTopics.RAW, 3, sent.plusSeconds(n).toEpochMilli(), "lag-test",
                    "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8));
            long offset = publish(record).offset();
            firstBehind = firstBehind < 0 ? offset : firstBehind;
        }
        commitAllBut(group, new TopicPartition(WebhookTopics.RAW, 3), firstBehind);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LagGauges lag = new LagGauges(kafkaAdmin, consumers, new WorkerProperties(group, worker.concurrency(), worker.topicPartitions(),
                worker.topicReplicas(), worker.retryInitial(), worker.retryMax(), worker.stallTimeout(), worker.summaryInterval()), registry);
        Instant refreshing = Instant.now();
        try {
            lag.refresh();
        }
        finally {
            lag.destroy();
        }

        assertThat(registry.get("whatsapp.worker.lag").tag("group", group).gauge().value()).isEqualTo(5);
        assertThat(registry.get("whatsapp.worker.partition.lag").tag("partition", "3").gauge().value()).isEqualTo(5);
        assertThat(registry.get("whatsapp.worker.partition.lag").gauges()).as("one series per partition, none NaN")
                .hasSize(worker.topicPartitions()).allSatisfy(gauge -> assertThat(gauge.value()).isNotNaN())
                .filteredOn(gauge -> !"3".equals(gauge.getId().getTag("partition"))).allSatisfy(gauge -> assertThat(gauge.value()).isZero());
        // Ages count to the moment the gauge is read: between the clock before and after reading it, whatever the pace.
        Instant reading = Instant.now();
        double oldestAge = registry.get("whatsapp.worker.oldest.unstored.age").gauge().value();
        double readAge = registry.get("whatsapp.worker.lag.read.age").gauge().value();
        Instant read = Instant.now();
        assertThat(oldestAge).as("the first of the five, sent 120 s before the test began")
                .isBetween(seconds(sent, reading) - 1, seconds(sent, read) + 1);
        assertThat(readAge).as("since the refresh").isBetween(0.0, seconds(refreshing, read) + 1);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    @Test
    void theKafkaClientsOwnPerConsumerLagIsNotExported() {
        assertThat(workerMeters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("kafka.consumer.fetch.manager.records.lag"))
                .anyMatch(name -> name.startsWith("kafka.consumer."));
    }

    /** Commits, for a new group, every partition's end offset, but {@code behind}'s offset {@code at}. */
    private void commitAllBut(String group, TopicPartition behind, long at) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(group, "lag-test", null, overrides)) {
            List<TopicPartition> partitions = consumer.partitionsFor(WebhookTopics.RAW).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
            offsets.put(behind, new OffsetAndMetadata(at));
            consumer.commitSync(offsets);
        }
    }
}
