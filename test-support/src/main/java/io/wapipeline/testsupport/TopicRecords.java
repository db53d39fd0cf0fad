package io.wapipeline.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic holds, without a consumer group: a snapshot of its end offsets, and every record written
 * after such a snapshot. Tests use it to prove a record arrived, or that nothing did.
 */
public final class TopicRecords {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private TopicRecords() {
    }

    /** The current end offset of every partition of the topic. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String topic) {
        return endOffsets(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /** The same, for a Kafka that asks for a login: {@code client} holds the brokers and the login. */
    public static Map<TopicPartition, Long> endOffsets(Map<String, Object> client, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(client)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, DEADLINE);
        }
    }

    /** Every record written to the topic after the given snapshot, up to the end offsets as they are now. */
    public static List<ConsumerRecord<String, byte[]>> since(String bootstrapServers, Map<TopicPartition, Long> snapshot) {
        return since(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), snapshot);
    }

    /** The same, for a Kafka that asks for a login: {@code client} holds the brokers and the login. */
    public static List<ConsumerRecord<String, byte[]>> since(Map<String, Object> client, Map<TopicPartition, Long> snapshot) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(client)) {
            consumer.assign(snapshot.keySet());
            snapshot.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(snapshot.keySet(), DEADLINE);
            return readUntil(consumer, end);
        }
    }

    /** How many records the topic gained since the snapshot. */
    public static long countSince(String bootstrapServers, Map<TopicPartition, Long> snapshot) {
        String topic = snapshot.keySet().iterator().next().topic();
        Map<TopicPartition, Long> now = endOffsets(bootstrapServers, topic);
        return now.entrySet().stream().mapToLong(e -> e.getValue() - snapshot.getOrDefault(e.getKey(), 0L)).sum();
    }

    private static List<ConsumerRecord<String, byte[]>> readUntil(KafkaConsumer<String, byte[]> consumer,
            Map<TopicPartition, Long> end) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read up to " + end + " within " + DEADLINE);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records.stream().filter(r -> r.offset() < end.get(new TopicPartition(r.topic(), r.partition())))
                .collect(Collectors.toList());
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static KafkaConsumer<String, byte[]> consumer(Map<String, Object> client) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
