package io.wapipeline.ops.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wapipeline.ops.TestStack;

/**
 * A topic of the test's own, {@code kafka-command-test-<uuid>}, with records at known times, and a group of its own
 * whose offsets are committed without joining it: the worker's topics and groups are never touched.
 */
final class TestTopic implements AutoCloseable {

    final String name = "kafka-command-test-" + UUID.randomUUID();
    final String group = name + "-group";
    private final Admin admin = Admin.create(TestStack.get().kafkaClientProperties());

    private TestTopic() {
    }

    static TestTopic create(int partitions) throws Exception {
        TestTopic topic = new TestTopic();
        topic.admin.createTopics(List.of(new NewTopic(topic.name, partitions, (short) 1))).all().get();
        // The controller has it; the broker answers for it once its metadata caught up.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(topic::partitionCount, count -> count == partitions);
        return topic;
    }

    /** One record per time, in this order; what the broker acknowledged for each. */
    List<RecordMetadata> publish(int partition, Instant... times) throws InterruptedException, ExecutionException {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(TestStack.get().kafkaClientProperties(),
                new StringSerializer(), new StringSerializer())) {
            for (Instant time : times) {
                sent.add(producer.send(new ProducerRecord<>(name, partition, time.toEpochMilli(), null, "at " + time)).get());
            }
        }
        return sent;
    }

    /** Removes a partition's records before {@code offset}, as retention would. */
    void deleteBefore(int partition, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(name, partition), RecordsToDelete.beforeOffset(offset))).all().get();
    }

    /** Commits the group's offsets as a consumer does that is assigned the partitions: the group stays without members. */
    void commit(Map<Integer, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.commitSync(offsets.entrySet().stream().collect(Collectors.toMap(
                    entry -> new TopicPartition(name, entry.getKey()), entry -> new OffsetAndMetadata(entry.getValue()))));
        }
    }

    Map<Integer, Long> committed() throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue().offset()));
    }

    int partitionCount() throws Exception {
        return admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().size();
    }

    /** A consumer of the group, not yet subscribed. */
    KafkaConsumer<String, String> consumer() {
        Map<String, Object> properties = TestStack.get().kafkaClientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    String partition(int partition) {
        return name + "-" + partition;
    }

    @Override
    public void close() {
        try (admin) {
            admin.deleteTopics(List.of(name)).all().get();
        }
        catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not delete " + name, e);
        }
    }
}
